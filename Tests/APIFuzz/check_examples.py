"""Checks that Assets/openapi.yaml repeats no key, then every example of it against its schema (JSON Schema 2020-12, as OpenAPI 3.1 says), so
that a client generated from the document can rely on the examples: the request and response examples of every
media type, the examples of schemas and of parameters. Also that every JSON request body schema constrains the members
it does not name (the AS refuses `null` anywhere). Prints each disagreement; exits 1 if there is one.

Usage: check_examples.py OPENAPI_YAML
"""

import sys

import jsonschema_rs
import yaml


def resolve(document, node):
    """Follows a local `$ref` (examples and media types may be references too)."""
    while isinstance(node, dict) and "$ref" in node and len(node) == 1:
        target = document
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def validator(document, schema):
    # The schema is checked as part of the whole document, so its `#/components/...` references resolve.
    root = dict(schema) if isinstance(schema, dict) else {"allOf": [schema]}
    root["components"] = document.get("components", {})
    return jsonschema_rs.Draft202012Validator(root)


def check(document, where, schema, value, problems):
    errors = list(validator(document, schema).iter_errors(value))
    for error in errors[:3]:
        problems.append(f"{where}: {error.message} (at /{'/'.join(map(str, error.instance_path))})")


def media_examples(media):
    if "example" in media:
        yield "example", media["example"]
    for name, example in (media.get("examples") or {}).items():
        yield f"examples/{name}", example


class UniqueKeyLoader(yaml.SafeLoader):
    """YAML allows no repeated key in a mapping; PyYAML would keep the last silently, other readers refuse it."""


def _unique_mapping(loader, node, deep=False):
    keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
    repeated = sorted({str(key) for key in keys if keys.count(key) > 1})
    if repeated:
        raise yaml.constructor.ConstructorError(None, None, f"repeated key(s) {repeated}", node.start_mark)
    return loader.construct_mapping(node, deep)


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def main(path):
    with open(path, encoding="utf-8") as file:
        document = yaml.load(file, UniqueKeyLoader)
    problems = []
    checked = 0
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        for index, value in enumerate(schema.get("examples", [])):
            check(document, f"components/schemas/{name}/examples/{index}", schema, value, problems)
            checked += 1
    for route, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or method == "parameters":
                continue
            place = f"{method.upper()} {route}"
            parameters = list(item.get("parameters", [])) + list(operation.get("parameters", []))
            for parameter in map(lambda p: resolve(document, p), parameters):
                if "example" in parameter and "schema" in parameter:
                    check(document, f"{place} parameter {parameter['name']}", parameter["schema"],
                          parameter["example"], problems)
                    checked += 1
            bodies = [("request", resolve(document, operation.get("requestBody", {})))]
            bodies += [(f"response {status}", resolve(document, response))
                       for status, response in operation.get("responses", {}).items()]
            for label, body in bodies:
                for media_type, media in (body.get("content") or {}).items():
                    if "json" not in media_type or "schema" not in media:
                        continue
                    schema = resolve(document, media["schema"])
                    if label == "request" and schema.get("type") == "object" and "additionalProperties" not in schema:
                        # The AS refuses null anywhere in request content; a schema that leaves the members it does
                        # not name unconstrained lets a generated client send one.
                        problems.append(f"{place} request {media_type}: no additionalProperties (NonNullValue)")
                    for name, example in media_examples(media):
                        example = resolve(document, example)
                        value = example.get("value") if isinstance(example, dict) and name != "example" else example
                        if value is None:
                            continue
                        check(document, f"{place} {label} {media_type} {name}", media["schema"], value, problems)
                        checked += 1
    for problem in problems:
        print(problem)
    print(f"{checked} examples checked, {len(problems)} disagreements")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
