#!/usr/bin/env python3
"""Writes the seed inputs of each fuzz target into Corpus/<target>/seed-<sha1>, from the RFC examples kept in the
repository: the RFC 9421 / RFC 9530 vector file, the RFC 9635 example blocks, and a few hand-written inputs. Run it
from anywhere; it only adds files (libFuzzer's own additions, merged with -merge=1, sit beside them).

    python3 Fuzz/seed_corpus.py
"""
import hashlib
import json
import pathlib
import re

FUZZ = pathlib.Path(__file__).resolve().parent
ROOT = FUZZ.parent
VECTORS = json.loads((ROOT / "Tests/HTTPMessageSignaturesTests/Fixtures/rfc9421-vectors.json").read_text())
GNAP_EXAMPLES = json.loads((ROOT / "Tests/GNAPServerTests/Fixtures/rfc9635-examples.json").read_text())


def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    directory = FUZZ / "Corpus" / target
    directory.mkdir(parents=True, exist_ok=True)
    (directory / ("seed-" + hashlib.sha1(data).hexdigest()[:16])).write_bytes(data)


def message_text(message):
    """The message as printed: the head of display_text, an empty line, and the body (the vector file's notes
    correct one display text with two empty lines)."""
    head, _, _ = message["display_text"].partition("\n\n")
    return head + "\n\n" + message["body"] if message["body"] or "\n\n" in message["display_text"] else head


def signed_messages():
    for case in VECTORS["cases"]:
        text = message_text(VECTORS["messages"][case["message"]])
        if "\nSignature-Input: " not in text:
            head, _, body = text.partition("\n\n")
            text = f"{head}\nSignature-Input: {case['signature_input']}\nSignature: {case['signature']}\n\n{body}"
        yield text


def header(message, name):
    return ", ".join(value for field, value in message["headers"] if field.lower() == name)


def unfold(text):
    """RFC 8792 single-backslash unfolding, as the vector file's meta describes it."""
    if "NOTE: '\\' line wrapping per RFC 8792" not in text:
        return text
    text = re.sub(r"NOTE: '\\' line wrapping per RFC 8792\n\n", "", text)
    return re.sub(r"\\\n *", "", text)


CHUNKED = (
    "HTTP/1.1 200 OK\nContent-Type: text/plain\nTransfer-Encoding: chunked\nTrailer: Expires, Content-Digest\n"
    'Signature-Input: sig1=("@status" "trailer" "expires";tr "content-digest";tr);created=1618884473;'
    'keyid="test-key-ed25519"\nSignature: sig1=:AAAA:\n\n4\nHTTP\n7;ext=1\nMessage\na\nSignatures\n0\n'
    "Expires: Wed, 9 Nov 2022 07:28:00 GMT\n"
    "Content-Digest: sha-256=:YYpGwjeNpFzgjb/SFKBOX11xFuzQSCAoGIfRRTBHlkQ=:\n\n"
)

# Signature-Input, Signature, Content-Digest and Want-Content-Digest values, and Structured Field edge cases.
FIELD_VALUES = [
    'a=1, b=2;x=1;y=2, c=(a   b   c), d',
    'a=?0, b, c;foo=bar, d=(1 2);p="q", e=:cHJldGVuZA==:, f=*tok/en',
    "a=1.5, b=-0.001, c=@1659578233, d=%\"f%c3%bc%c3%bc\", e=\"esc\\\"aped\\\\\"",
    "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, md5=:Sd/dVLAcvNLSq16eXua5uQ==:",
    "sha-512=3, sha-256=10, md5=0",
    'sig1=("@query-param";name="Pet" "example-dict";key="a" "example-dict";sf "example-header";bs '
    '"content-digest";req "expires";tr)',
]

USER_CODES = [
    "ABCD-EFGH", "abcd efgh", "0O1I-LxYz", "WXYZ\u20131234", "ABCD_EFGH", "  a b c d - e f g h  ", "ABCU-1234",
    "ABCD-EFGH-JKMN", "abcdefghjkmn", "ABCD\u2014EFGH\u2212JKMN", "\u00c5BCD-EFGH", "ABC", "",
]


def main():
    for message in VECTORS["messages"].values():
        text = message_text(message)
        write("HTTPMessageTextFuzzer", text)
        write("HTTPMessageTextFuzzer", text.replace("\n", "\r\n"))
        write("MessageSignatureFuzzer", text)
        for name in ("signature-input", "signature", "content-digest"):
            if value := header(message, name):
                write("StructuredDictionaryFuzzer", value)
    for example in VECTORS["component_value_examples"]:
        write("HTTPMessageTextFuzzer", "GET /a?b=c&d HTTP/1.1\n" + example["message"] + "\n\n")
    for text in signed_messages():
        write("MessageSignatureFuzzer", text)
        write("MessageSignatureFuzzer", text.replace("\n", "\r\n"))
    for text in (CHUNKED, CHUNKED.replace("\n", "\r\n")):
        write("HTTPMessageTextFuzzer", text)
        write("MessageSignatureFuzzer", text)
    for case in VECTORS["cases"]:
        message = VECTORS["messages"][case["message"]]
        write("StructuredDictionaryFuzzer", case["signature_input"])
        write("StructuredDictionaryFuzzer", case["signature"])
        write(
            "SignatureFieldsFuzzer",
            "\n".join([case["signature_input"], case["signature"], header(message, "content-digest"), message["body"]]),
        )
    for example in VECTORS["serialization_examples"]:
        write("StructuredDictionaryFuzzer", example["value"])
    for digest in VECTORS["content_digest"]:
        write("SignatureFieldsFuzzer", ("\n\n" + digest["field_value"] + "\n").encode() + bytes.fromhex(digest["body_hex"]))
        write("StructuredDictionaryFuzzer", digest["field_value"])
    for value in FIELD_VALUES:
        write("StructuredDictionaryFuzzer", value)
        write("SignatureFieldsFuzzer", value + "\n" + value + "\n" + value + "\n")
    for example in GNAP_EXAMPLES:
        if example["language"] == "json":
            write("GrantRequestFuzzer", unfold(example["text"]))
    for code in USER_CODES:
        write("UserCodeFuzzer", code)


if __name__ == "__main__":
    main()
