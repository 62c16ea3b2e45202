import Testing

/// Records why a vector, or one check of a vector, is not run, as a warning that the test report shows with the
/// test case's name: nothing is skipped silently. (`Test.cancel(_:)` ends a test case too, but the console reporter
/// of Swift 6.3 prints a cancelled case as passed and drops its reason.)
func skip(_ reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
    Issue.record(Comment(rawValue: "skipped: \(reason)"), severity: .warning, sourceLocation: sourceLocation)
}
