import GNAP
import GNAPServer
import Testing

/// The AS policy for the `durable` flag (RFC 9635 §3.2.1) and its `gnapterm serve --durable-tokens` syntax.
@Suite("Durable token policy")
struct DurableTokenPolicyTests {
    let photos = AccessRight.object(AccessRightObject(type: "photo-api", actions: ["read"]))
    let dolphins = AccessRight.reference("dolphin-metadata")

    @Test func decidesPerToken() {
        #expect(DurableTokenPolicy.all.isDurable([photos, dolphins]))
        #expect(!DurableTokenPolicy.none.isDurable([photos]))
        let types = DurableTokenPolicy.types(["photo-api"])
        #expect(types.isDurable([photos]))
        #expect(!types.isDurable([photos, dolphins]))
        #expect(DurableTokenPolicy.types(["photo-api", "dolphin-metadata"]).isDurable([photos, dolphins]))
    }

    @Test func parsesTheCommandLineValue() throws {
        #expect(try DurableTokenPolicy(parsing: "all") == .all)
        #expect(try DurableTokenPolicy(parsing: " none ") == .none)
        #expect(try DurableTokenPolicy(parsing: "photo-api, calendar") == .types(["photo-api", "calendar"]))
        #expect(DurableTokenPolicy.types(["b", "a"]).description == "a,b")
        for bad in ["", "photo-api,", ",", "a,,b"] {
            #expect(throws: DurableTokenPolicyError.self) { try DurableTokenPolicy(parsing: bad) }
        }
        do {
            _ = try DurableTokenPolicy(parsing: "a,")
        } catch {
            #expect(
                error.description
                    == "'a,' is not a durable-token policy: use 'all', 'none', or a comma-separated list of access types"
            )
        }
    }
}
