import GNAP
import GNAPResourceServer
import Testing

/// A configuration that cannot work is refused at start-up with a sentence.
@Suite struct ConfigurationTests {
    static func problem(_ change: (inout ResourceServerConfiguration) -> Void) -> String? {
        var configuration = ResourceServerConfiguration(
            asURI: "https://as.example/gnap", publicURL: "https://rs.example")
        change(&configuration)
        do {
            _ = try ResourceServerGate(
                configuration: configuration, introspector: IntrospectorDouble(), clock: ManualClock())
            return nil
        } catch {
            return error.description
        }
    }

    @Test func sensibleSettingsPass() {
        #expect(Self.problem { _ in } == nil)
        #expect(Self.problem { $0.publicURL = "http://127.0.0.1:8081/" } == nil)
        #expect(Self.problem { $0.publicURL = "http://[::1]:8081" } == nil)
    }

    @Test func mistakesAreNamed() {
        #expect(
            Self.problem { $0.publicURL = "https://rs.example/api" }?.contains("must be a scheme and an authority")
                == true)
        #expect(Self.problem { $0.publicURL = "rs.example" }?.contains("must be a scheme and an authority") == true)
        #expect(Self.problem { $0.asURI = "/gnap" } == "the AS grant endpoint '/gnap' is not an absolute URL")
        #expect(Self.problem { $0.accessReference = "a\"b" }?.contains("must not contain quotes") == true)
        #expect(Self.problem { $0.revalidationInterval = .zero } == "the revalidation interval must be positive")
        let capacities = Self.problem { configuration in
            configuration.nonceCapacity = 10
            configuration.nonceCapacityPerKey = 20
        }
        #expect(capacities?.contains("per-key capacity") == true)
    }

    @Test func theReferrerDefaultsToThePublicURL() async throws {
        let harness = try RSHarness { $0.publicURL = "http://[::1]:8081" }
        try await harness.run { client in
            let reply = try await client.send(.post, content: [1])
            #expect(reply.challenge?.referrer == "http://[::1]:8081")
        }
    }
}
