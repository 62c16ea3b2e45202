import GNAP

extension RightReview {
    /// One line for lists of granted and withheld rights: the right's summary and the AS's description,
    /// e.g. `photo-api: read @ https://photos.example — Photos stored in your library`.
    public var displaySummary: String {
        right.summary + (description.map { " — " + $0 } ?? "")
    }
}
