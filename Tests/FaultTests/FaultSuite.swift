import Testing

/// The fault suite: both suites start a real `gnapterm serve` and load the machine, so they run one after the other
/// (a connection flood timed while the crash test's clients run would measure that test, not the limits).
@Suite("Fault suite", .serialized)
enum FaultSuite {}
