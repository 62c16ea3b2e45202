import TerminalSession

extension ApprovalSummary {
    /// The released subject identifier and assertion formats, in words.
    public var releasedInformation: [String] {
        releasedSubjectFormats.map(SubjectFormatNames.title(of:))
            + releasedAssertionFormats.map(SubjectFormatNames.assertionTitle(of:))
    }

    /// The withheld subject identifier and assertion formats, in words.
    public var withheldInformation: [String] {
        withheldSubjectFormats.map(SubjectFormatNames.title(of:))
            + withheldAssertionFormats.map(SubjectFormatNames.assertionTitle(of:))
    }
}
