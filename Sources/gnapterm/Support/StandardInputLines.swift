import Foundation

/// Standard input as a stream of lines, read on a thread of its own (a blocking read must not hold a thread of the
/// concurrency pool), for commands that read input while other work goes on (`approve --plain --watch`).
enum StandardInputLines {
    static func stream() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        let thread = Thread {
            while let line = Swift.readLine(strippingNewline: true) { continuation.yield(line) }
            continuation.finish()
        }
        thread.start()
        return stream
    }
}
