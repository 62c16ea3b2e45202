import RawStructuredFieldValues

/// Strict re-serialization of structured fields for the `sf` and `key` component parameters (RFC 9421 §2.1.1,
/// §2.1.2). A field is tried as a Dictionary, then a List, then an Item: the type of an arbitrary field is not known
/// to this library, and RFC 9651 §4.2 parsing of the wrong type fails rather than mis-parsing.
enum StrictSerialization {
    static func reserialize(_ value: String, field: String) throws(ComponentError) -> String {
        let bytes = Array(value.utf8)
        var serializer = StructuredFieldValueSerializer()
        var dictionaryParser = StructuredFieldValueParser(bytes)
        if let dictionary = try? dictionaryParser.parseDictionaryFieldValue(),
            let output = try? serializer.writeDictionaryFieldValue(dictionary)
        {
            return String(decoding: output, as: UTF8.self)
        }
        var listParser = StructuredFieldValueParser(bytes)
        if let list = try? listParser.parseListFieldValue(), let output = try? serializer.writeListFieldValue(list) {
            return String(decoding: output, as: UTF8.self)
        }
        var itemParser = StructuredFieldValueParser(bytes)
        if let item = try? itemParser.parseItemFieldValue(), let output = try? serializer.writeItemFieldValue(item) {
            return String(decoding: output, as: UTF8.self)
        }
        throw .structuredFieldParse(field)
    }

    static func dictionaryMember(_ key: String, of value: String, field: String) throws(ComponentError) -> String {
        var parser = StructuredFieldValueParser(Array(value.utf8))
        guard let dictionary = try? parser.parseDictionaryFieldValue() else { throw .structuredFieldParse(field) }
        guard let member = dictionary[key] else { throw .missingDictionaryKey(component: field, key: key) }
        var serializer = StructuredFieldValueSerializer()
        // §2.1.2: the member value is serialized as a List with that single member, which yields exactly the member
        // (an Item with its parameters, or an Inner List).
        guard let output = try? serializer.writeListFieldValue([member]) else { throw .structuredFieldParse(field) }
        return String(decoding: output, as: UTF8.self)
    }
}
