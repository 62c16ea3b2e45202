/// The example blocks of RFC 9767, from `Fixtures/rfc9767-examples.json`.
public enum RFC9767Examples {
    public static let all: [SpecExample] = SpecExample.load("rfc9767-examples.json")

    public static func named(_ id: String) -> SpecExample {
        guard let example = all.first(where: { $0.id == id }) else { fatalError("no RFC 9767 example \(id)") }
        return example
    }
}
