/// Something that draws itself into a rectangle of a canvas. Widgets are plain values: all their
/// state is passed in, and drawing never changes anything but the canvas.
public protocol Widget: Sendable {
    /// Draws into `rect` of `canvas`. `rect` is already clipped to the canvas; drawing outside it is a bug.
    func draw(in rect: Rect, on canvas: inout Canvas)
}
