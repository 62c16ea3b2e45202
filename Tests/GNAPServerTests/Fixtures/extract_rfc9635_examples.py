#!/usr/bin/env python3
"""Extracts the example blocks of RFC 9635 (GNAP core, the draft-20 markdown source) into rfc9635-examples.json.

Usage: extract_rfc9635_examples.py PATH/TO/gnap-core-protocol-draft20.md > rfc9635-examples.json

Each entry keeps the block verbatim (RFC 8792 folding included: the test unfolds it) with the source line of its
opening fence as its id, the section it sits in, and the fence's language. Figures (aasvg) are left out.
"""
import json
import re
import sys

lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
section = ""
examples = []
index = 0
while index < len(lines):
    line = lines[index]
    heading = re.match(r"^#+\s+(.*?)\s*(\{#[^}]*\})?\s*$", line)
    if heading:
        section = heading.group(1)
    if line.startswith("~~~"):
        language = line[3:].strip()
        end = index + 1
        while not lines[end].startswith("~~~"):
            end += 1
        if language != "aasvg":
            examples.append({
                "id": "L%d" % (index + 1),
                "section": section,
                "language": language,
                "text": "\n".join(lines[index + 1:end]) + "\n",
            })
        index = end
    index += 1
json.dump(examples, sys.stdout, indent=1, ensure_ascii=False)
sys.stdout.write("\n")
