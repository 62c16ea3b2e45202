import HTTPMessageSignatures
import Testing

/// The interoperability tests' prerequisites: they fail here, with the command that fixes them, rather than skip.
@Suite struct PythonLibraryTests {
    @Test func pinnedVersionIsInstalled() throws {
        #expect(try PythonHelper.installedVersion.get() == PythonHelper.pinnedVersion())
    }

    /// The other suites run every algorithm gnapterm implements; this proves the library implements each of them,
    /// so "every algorithm both support" is all of them, and says which one went missing if a release drops it.
    @Test func libraryImplementsEveryAlgorithm() throws {
        let supported = Set(try PythonHelper.supportedAlgorithms())
        for algorithm in SignatureAlgorithm.allCases {
            #expect(supported.contains(algorithm.rawValue), "http-message-signatures lacks \(algorithm.rawValue)")
        }
    }
}
