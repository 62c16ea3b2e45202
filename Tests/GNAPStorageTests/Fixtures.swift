import Foundation
import GNAP
import HTTPMessageSignatures

enum Fixtures {
    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gnapterm-tests-\(UUID().uuidString)")
    }

    static func clientKey() throws -> ClientKeyBinding {
        try ClientKeyBinding(ClientKeyValue(proof: .httpsig, jwk: SigningKey.generateEd25519(keyID: "c").publicJWK()))
    }

    static func instance(at now: WallInstant) throws -> ClientInstanceRecord {
        ClientInstanceRecord(
            id: Secrets.identifier(), key: try clientKey(), display: ClientDisplay(name: "TV"), createdAt: now)
    }

    static func grant(instance: ClientInstanceRecord, clock: ManualClock, userCodeHash: String? = "uc-hash")
        -> GrantRecord
    {
        let tokens = [AccessTokenRequest(access: [.reference("dolphin-metadata")])]
        return GrantRecord(
            id: Secrets.identifier(), instanceID: instance.id, clientKey: instance.key, clientDisplay: instance.display,
            request: GrantRequest(accessToken: .single(tokens[0])), tokens: tokens, subjectFormats: [],
            startModes: ["user_code"], requestedFrom: "127.0.0.1",
            lifecycle: GrantLifecycle.start(clock: clock, interactionLifetime: .seconds(600), waitSeconds: 5).state,
            continuationTokenHash: Secrets.hash(Secrets.token()), userCodeHash: userCodeHash)
    }

    static func account(_ username: String, at now: WallInstant) -> Account {
        Account(
            id: Secrets.identifier(), username: username, displayName: username.capitalized, role: .user,
            opaqueSubject: Secrets.identifier(), email: "\(username)@example.com", createdAt: now)
    }
}
