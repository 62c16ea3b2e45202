import TerminalUI

/// What a terminal driver that writes only changed cells would write between two frames.
enum FrameDiff {
    /// The cells of `next` that differ from `previous` (every cell when the sizes differ or there is none).
    static func changedCells(from previous: Canvas?, to next: Canvas) -> Int {
        guard let previous, previous.size == next.size else { return next.size.width * next.size.height }
        var changed = 0
        for y in 0..<next.size.height {
            for x in 0..<next.size.width where previous[x, y] != next[x, y] { changed += 1 }
        }
        return changed
    }
}
