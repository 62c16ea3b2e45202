/// Maps each `StyleRole` to concrete `Attributes`. Themes are values: pick one with `Theme.named(_:)`
/// or `Theme.resolve(name:environment:)`, which honours `NO_COLOR` (https://no-color.org).
public struct Theme: Hashable, Sendable {
    /// The theme's name, as accepted by `Theme.named(_:)`.
    public var name: String
    /// Attributes per role; roles missing here draw as `Attributes.plain`.
    public var roles: [StyleRole: Attributes]

    /// Creates a theme.
    public init(name: String, roles: [StyleRole: Attributes]) {
        self.name = name
        self.roles = roles
    }

    /// The concrete attributes of `style`: the role's attributes plus the style's own emphasis.
    public func attributes(for style: Style) -> Attributes {
        var attributes = roles[style.role] ?? .plain
        if style.bold { attributes.bold = true }
        if style.underline { attributes.underline = true }
        if style.reverse { attributes.reverse.toggle() }
        if style.dimmed {
            attributes.dim = true
            attributes.bold = false
        }
        return attributes
    }

    /// True when no role sets a colour.
    public var isMonochrome: Bool { !roles.values.contains { $0.hasColor } }

    /// Every built-in theme.
    public static let all: [Theme] = [.default, .highContrast, .monochrome]

    /// The built-in theme called `name` (case-insensitive: "default", "high-contrast", "monochrome").
    public static func named(_ name: String) -> Theme? {
        let wanted = name.lowercased()
        return all.first { $0.name == wanted }
    }

    /// The theme to use: monochrome when `NO_COLOR` is set to a non-empty value (no-color.org),
    /// else the theme called `name`, else `.default`.
    public static func resolve(name: String?, environment: [String: String]) -> Theme {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        return name.flatMap(named) ?? .default
    }
}
