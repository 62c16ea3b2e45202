import Foundation
import Testing

extension EndToEnd {
    @Suite("the demo", .timeLimit(.minutes(2)))
    struct DemoTests {
        /// `swift run gnapterm` with no arguments: a person who just cloned the repository completes the flow.
        @Test func theDemoCompletesTheWholeFlowAndCleansUp() async throws {
            let before = try demoDirectories()
            let tmux = try Tmux(command: "\(shellQuoted(Binary.path)); echo DEMO-EXIT=$?; sleep 60")
            defer { tmux.kill() }
            let screen = try await tmux.waitFor("is showing code")
            let code = try #require(screen.firstMatch(of: /showing code ([0-9A-Z]{4}-[0-9A-Z]{4})/)?.1)
            try tmux.type(String(code))
            try tmux.send("Enter")
            try await tmux.waitFor("Living-room TV (self-asserted)")
            try tmux.send("a")
            try await tmux.waitFor("Confirm approval")
            try tmux.send("y")
            try await tmux.waitFor("Approved")
            try tmux.send("q")
            let end = try await tmux.waitFor("DEMO-EXIT=", timeout: .seconds(30))
            #expect(end.contains("The demo device received an access token for: photo-api"))
            #expect(end.contains("DEMO-EXIT=0"))
            #expect(try demoDirectories() == before)
        }

        func demoDirectories() throws -> Set<String> {
            Set(
                try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
                    .filter { $0.hasPrefix("gnapterm-demo-") })
        }
    }
}
