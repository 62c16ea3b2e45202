import GNAP
import HTTPTypes

extension ResourceServerGate {
    /// The token of the request's `Authorization` field (RFC 9635 §7.2): the GNAP scheme, or `Bearer` when this RS
    /// accepts bearer tokens. A GNAP token without any signature is refused here, before the AS is asked about it.
    func presentationOf(_ request: HTTPRequest, challenge: GNAPChallenge)
        -> Result<AccessTokenPresentation, ResourceServerRefusal>
    {
        var found: String?
        for field in request.headerFields where field.name == .authorization {
            guard found == nil else {
                return .failure(
                    ResourceServerRefusal(
                        .badRequest, GNAPError(.invalidRequest, "the request has more than one Authorization field"),
                        challenge: challenge))
            }
            found = field.value
        }
        guard let value = found else {
            return .failure(
                unauthorized(
                    .invalidToken, "this resource needs a GNAP access token (Authorization: GNAP, RFC 9635 §7.2)",
                    challenge))
        }
        switch AccessTokenPresentation.parse(value) {
        case .failure(let problem):
            return .failure(unauthorized(.invalidToken, problem.description, challenge))
        case .success(.bearer) where !configuration.acceptsBearerTokens:
            return .failure(
                unauthorized(
                    .invalidToken,
                    "bearer tokens are not accepted here; present a bound token with the GNAP scheme and a signature",
                    challenge))
        case .success(.gnap) where !request.headerFields.contains(.signatureInput):
            return .failure(
                unauthorized(
                    .invalidSignature,
                    "a GNAP access token must come with a signature by its key (RFC 9635 §7.3.1: httpsig covering "
                        + "@method, @target-uri and authorization)", challenge))
        case .success(let presentation):
            return .success(presentation)
        }
    }

    /// A 401 with the challenge (RFC 9110 §15.5.2: a 401 always carries `WWW-Authenticate`).
    func unauthorized(
        _ code: GNAPError.Code, _ description: String, _ challenge: GNAPChallenge, logDetail: String? = nil
    ) -> ResourceServerRefusal {
        ResourceServerRefusal(.unauthorized, GNAPError(code, description), challenge: challenge, logDetail: logDetail)
    }
}
