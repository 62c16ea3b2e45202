import GNAP
import TerminalApps
import TerminalSession

/// A backend that answers at once with a fixed review: the benchmark measures the app, not the network.
struct BenchmarkBackend: ApproverBackend {
    var identityDescription: String { "alice @ http://127.0.0.1:8080" }

    static let now = WallInstant(unixSeconds: 1_767_258_000)

    static let review: InteractionReview = {
        let rights = (0..<6).map { index in
            RightReview(
                id: "0.\(index)",
                right: .object(
                    AccessRightObject(
                        type: "photo-api-\(index)", actions: ["read", "write"],
                        locations: ["https://photos.example/albums/\(index)"], datatypes: ["metadata", "images"])),
                description: "Photos stored in your library, album \(index)")
        }
        return InteractionReview(
            grantID: "g-4711", status: .pending,
            client: ClientReview(
                instanceID: "ci-7f3a", display: ClientDisplay(name: "Photo Printer 写真", uri: "https://printer.example"),
                vetted: false, keyThumbprint: "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", proofMethod: "httpsig",
                algorithm: "ed25519"),
            tokens: [TokenReview(label: nil, flags: [], rights: rights)],
            subject: SubjectReview(subIDFormats: ["opaque", "email"], assertionFormats: []),
            requestedAt: now.advanced(by: .seconds(-20)), requestedFrom: "192.0.2.7",
            expiresAt: now.advanced(by: .seconds(581)))
    }()

    func enterCode(_ code: UserCode) async throws(ApproverFailure) -> InteractionReview { Self.review }
    func openInteraction(_ interaction: String) async throws(ApproverFailure) -> InteractionReview { Self.review }
    func approve(_ review: InteractionReview, request: ApprovalRequest) async throws(ApproverFailure)
        -> DecisionResponse
    {
        DecisionResponse(grantID: review.grantID, status: .approved, finish: nil)
    }
    func deny(_ review: InteractionReview, reason: String) async throws(ApproverFailure) -> DecisionResponse {
        DecisionResponse(grantID: review.grantID, status: .denied, finish: nil)
    }
    func history(limit: Int) async throws(ApproverFailure) -> [DecisionRecord] { [] }
}
