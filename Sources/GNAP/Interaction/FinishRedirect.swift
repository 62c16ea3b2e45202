/// The `redirect` finish (RFC 9635 §4.2.1): the client's URI with the `hash` and `interact_ref` query parameters.
public enum FinishRedirect {
    /// `uri` with `hash` and `interact_ref` appended to its query (after any query it already has).
    public static func url(uri: String, callback: InteractionFinishCallback) -> String {
        let separator = uri.contains("?") ? (uri.hasSuffix("?") || uri.hasSuffix("&") ? "" : "&") : "?"
        return uri + separator + "hash=" + InteractionLocator.percentEncode(callback.hash) + "&interact_ref="
            + InteractionLocator.percentEncode(callback.interactRef)
    }

    /// Reads `hash` and `interact_ref` from a callback's query (the part after `?`, or a whole URL). Each must
    /// appear exactly once.
    public static func callback(fromQuery text: String) throws(GNAPError) -> InteractionFinishCallback {
        let query = text.firstIndex(of: "?").map { text[text.index(after: $0)...] } ?? text[...]
        var hash: String?
        var interactRef: String?
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let value = InteractionLocator.percentDecode(parts[1])
            switch parts[0] {
            case "hash":
                guard hash == nil, let value else { throw GNAPError(.unknownInteraction, "'hash' is repeated") }
                hash = value
            case "interact_ref":
                guard interactRef == nil, let value else {
                    throw GNAPError(.unknownInteraction, "'interact_ref' is repeated")
                }
                interactRef = value
            default:
                continue
            }
        }
        guard let hash, let interactRef, !hash.isEmpty, !interactRef.isEmpty else {
            throw GNAPError(.unknownInteraction, "the callback needs 'hash' and 'interact_ref'")
        }
        return InteractionFinishCallback(hash: hash, interactRef: interactRef)
    }
}
