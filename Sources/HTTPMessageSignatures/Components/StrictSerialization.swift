import Foundation
import RawStructuredFieldValues

/// Strict re-serialization of structured fields for the `sf` and `key` component parameters (RFC 9421 §2.1.1,
/// §2.1.2). A field is tried as a Dictionary, then a List, then an Item: the type of an arbitrary field is not known
/// to this library, and RFC 9651 §4.2 parsing of the wrong type fails rather than mis-parsing.
enum StrictSerialization {
    static func reserialize(_ value: String, field: String) throws(ComponentError) -> String {
        let bytes = Array(value.utf8)
        var serializer = StructuredFieldValueSerializer()
        var dictionaryParser = StructuredFieldValueParser(bytes)
        if var dictionary = try? dictionaryParser.parseDictionaryFieldValue() {
            for index in dictionary.indices { dictionary[index].1 = try canonical(dictionary[index].1, field: field) }
            if let output = try? serializer.writeDictionaryFieldValue(dictionary) {
                return String(decoding: output, as: UTF8.self)
            }
        }
        var listParser = StructuredFieldValueParser(bytes)
        if var list = try? listParser.parseListFieldValue() {
            for index in list.indices { list[index] = try canonical(list[index], field: field) }
            if let output = try? serializer.writeListFieldValue(list) { return String(decoding: output, as: UTF8.self) }
        }
        var itemParser = StructuredFieldValueParser(bytes)
        if let item = try? itemParser.parseItemFieldValue(),
            let output = try? serializer.writeItemFieldValue(try canonical(item, field: field))
        {
            return String(decoding: output, as: UTF8.self)
        }
        throw .structuredFieldParse(field)
    }

    static func dictionary(_ value: String, field: String) throws(ComponentError)
        -> OrderedMap<String, ItemOrInnerList>
    {
        var parser = StructuredFieldValueParser(Array(value.utf8))
        guard let dictionary = try? parser.parseDictionaryFieldValue() else { throw .structuredFieldParse(field) }
        return dictionary
    }

    static func member(_ key: String, of dictionary: OrderedMap<String, ItemOrInnerList>, field: String)
        throws(ComponentError) -> String
    {
        guard let received = dictionary[key] else { throw .missingDictionaryKey(component: field, key: key) }
        let member = try canonical(received, field: field)
        var serializer = StructuredFieldValueSerializer()
        // §2.1.2: the member value is serialized as a List with that single member, which yields exactly the member
        // (an Item with its parameters, or an Inner List).
        guard let output = try? serializer.writeListFieldValue([member]) else { throw .structuredFieldParse(field) }
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: - Byte Sequences

    // RFC 9651 §4.1.8: a Byte Sequence serializes as the padded base64 of its bytes. The parser keeps the received
    // text, so a Byte Sequence sent without padding or with non-zero pad bits (both of which §4.2.7 asks parsers to
    // accept) is decoded and encoded again; one that does not decode makes the field invalid.

    private static func canonical(_ member: ItemOrInnerList, field: String) throws(ComponentError) -> ItemOrInnerList {
        switch member {
        case .item(let item):
            return .item(try canonical(item, field: field))
        case .innerList(let list):
            var items = BareInnerList()
            for item in list.bareInnerList { items.append(try canonical(item, field: field)) }
            return .innerList(
                InnerList(bareInnerList: items, parameters: try canonical(list.rfc9651Parameters, field: field)))
        }
    }

    private static func canonical(_ item: Item, field: String) throws(ComponentError) -> Item {
        Item(
            bareItem: try canonical(item.rfc9651BareItem, field: field),
            parameters: try canonical(item.rfc9651Parameters, field: field))
    }

    private static func canonical(_ parameters: OrderedMap<String, RFC9651BareItem>, field: String)
        throws(ComponentError) -> OrderedMap<String, RFC9651BareItem>
    {
        var result = parameters
        for index in result.indices { result[index].1 = try canonical(result[index].1, field: field) }
        return result
    }

    private static func canonical(_ bareItem: RFC9651BareItem, field: String) throws(ComponentError)
        -> RFC9651BareItem
    {
        guard case .undecodedByteSequence(let encoded) = bareItem else { return bareItem }
        guard let bytes = StructuredByteSequence.decode(encoded) else { throw .structuredFieldParse(field) }
        return .undecodedByteSequence(Data(bytes).base64EncodedString())
    }
}
