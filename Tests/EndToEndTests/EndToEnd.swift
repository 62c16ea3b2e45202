import Testing

/// Every end-to-end suite runs one test at a time: they start real servers, processes and tmux sessions.
@Suite("End to end", .serialized)
enum EndToEnd {}
