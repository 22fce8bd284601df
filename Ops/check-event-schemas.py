#!/usr/bin/env python3
"""Check the event catalogue in EventSchemas/ with an independent validator.

The Swift validator checks every append; this script checks the same schemas and
examples with Python's `jsonschema` (Draft 2020-12, FormatChecker on) so that two
implementations must agree on every example. It checks:

1. every schema is a valid Draft 2020-12 schema, uses only the catalogue's keywords
   and formats, and follows the catalogue's strictness rules (closed objects with a
   required list, constrained strings, bounded numbers and arrays, portable patterns);
2. every schema is registered by its $id, so `common.v1.json#/$defs/...` resolves
   offline, and every $ref resolves;
3. every valid example passes; every invalid example fails with exactly one error,
   whose keyword and JSON pointer are the ones the example states;
4. every schema has an examples file and every examples file a schema; x-event-type
   and x-schema-version match the file name; the x-stream placeholders and the
   x-effective-date field are required properties; versions of a type run 1, 2, 3 ...; no property name looks like
   personal data or free text.

Usage: Ops/check-event-schemas.py [--dir EventSchemas] [--json]

Prints one line per schema and a final line `N passed, M failed`; exits 1 on any
failure. With --json, prints to stdout a JSON array with one object per examples
file: {"file", "schema", "valid": [bool...], "invalid": [bool...], "invalidErrors",
"ok", "problems"}, where valid[i] / invalid[i] say whether that example passed
validation (so a correct catalogue has all true and all false); the summary line
then goes to stderr.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from pathlib import Path

try:
    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.exceptions import SchemaError
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError as error:  # pragma: no cover - environment problem
    sys.exit(f"check-event-schemas: needs the Python packages jsonschema (4.18+) and referencing: {error}")

DRAFT_URI = "https://json-schema.org/draft/2020-12/schema"
BASE_URI = "https://daftar.invalid/schemas/"
COMMON = "common.v1.json"

SCHEMA_KEYWORDS = {
    "type", "enum", "const", "properties", "required", "additionalProperties", "patternProperties",
    "propertyNames", "minProperties", "maxProperties", "dependentRequired", "items", "prefixItems",
    "minItems", "maxItems", "uniqueItems", "minLength", "maxLength", "pattern", "format", "minimum",
    "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "allOf", "anyOf", "oneOf", "not",
    "if", "then", "else", "$ref", "$defs",
}
ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "examples", "default"}
FORMATS = {"date", "date-time", "uuid"}
# Keywords whose value is one subschema, a list of them, or a map of them.
SUBSCHEMA = {"items", "not", "if", "then", "else", "propertyNames", "additionalProperties"}
SUBSCHEMA_LISTS = {"allOf", "anyOf", "oneOf", "prefixItems"}
SUBSCHEMA_MAPS = {"properties", "patternProperties", "$defs"}

# Property names that could hold personal data or free text (DESIGN.md §4). Compared
# with the lower-cased name with everything but letters removed.
PERSONAL = re.compile(
    r"name|phone|mobile|msisdn|telephone|address|street|email|passport|nationalid|idnumber|civilid|"
    r"iban|accountnumber|cardnumber|plate|latitude|longitude|gps|birthplace|mother|father|tribe|"
    r"note|comment|remark|memo|message|freetext|text|signature|photo"
)
NON_PORTABLE_REGEX = re.compile(r"\\[dDwWsSbB]|\(\?<[=!]|\(\?P|\\[pPk]")


def pointer(parts) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def load_json(path: Path):
    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        duplicates = {k for k in keys if keys.count(k) > 1}
        if duplicates:
            raise ValueError(f"duplicate keys {sorted(duplicates)}")
        return dict(pairs)

    with path.open(encoding="utf-8") as handle:
        return json.load(handle, object_pairs_hook=no_duplicates)


def kebab(event_type: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", event_type).lower()


def lint(schema, where: str, problems: list[str], refs: list[str]) -> None:
    """Keyword whitelist and strictness rules, recursively."""
    if isinstance(schema, bool):
        problems.append(f"{where}: boolean schemas are not used in the catalogue")
        return
    if not isinstance(schema, dict):
        problems.append(f"{where}: a schema must be an object")
        return
    for key, value in schema.items():
        if key in SCHEMA_KEYWORDS or key in ANNOTATIONS or key.startswith("x-"):
            pass
        else:
            problems.append(f"{where}: keyword {key!r} is not in the catalogue's keyword list")
        if key == "format" and value not in FORMATS:
            problems.append(f"{where}: format {value!r} is not one of {sorted(FORMATS)}")
        if key == "pattern":
            check_pattern(value, where, problems)
        if key == "$ref":
            refs.append(value)
        if key == "additionalProperties" and value is False:
            pass  # the one boolean schema the catalogue uses: closed objects
        elif key in SUBSCHEMA:
            lint(value, f"{where}/{key}", problems, refs)
        elif key in SUBSCHEMA_LISTS:
            for i, sub in enumerate(value):
                lint(sub, f"{where}/{key}/{i}", problems, refs)
        elif key in SUBSCHEMA_MAPS:
            for name, sub in value.items():
                if key != "$defs":
                    check_property_name(name, f"{where}/{key}", problems)
                if key == "patternProperties":
                    check_pattern(name, f"{where}/{key}", problems)
                lint(sub, f"{where}/{key}/{name}", problems, refs)
        elif key == "dependentRequired":
            for name in value:
                check_property_name(name, f"{where}/{key}", problems)
    kind = schema.get("type")
    if kind == "object":
        if schema.get("additionalProperties") is not False:
            problems.append(f"{where}: an object schema needs \"additionalProperties\": false")
        if "required" not in schema:
            problems.append(f"{where}: an object schema needs a required list")
        for name in schema.get("required", []):
            if name not in schema.get("properties", {}):
                problems.append(f"{where}: required {name!r} is not a property")
    elif kind == "string":
        if not ({"pattern", "enum", "const"} & schema.keys()):
            problems.append(f"{where}: a string needs a pattern, an enum or a const (no free text)")
    elif kind in ("integer", "number"):
        if not ({"enum", "const"} & schema.keys()):
            if not ({"minimum", "exclusiveMinimum"} & schema.keys()) or not ({"maximum", "exclusiveMaximum"} & schema.keys()):
                problems.append(f"{where}: a number needs a lower and an upper bound")
    elif kind == "array":
        if "maxItems" not in schema:
            problems.append(f"{where}: an array needs maxItems")
    elif isinstance(kind, list):
        problems.append(f"{where}: a schema has one type")


def check_pattern(value: str, where: str, problems: list[str]) -> None:
    try:
        re.compile(value)
    except re.error as error:
        problems.append(f"{where}: pattern {value!r} does not compile: {error}")
        return
    if not (value.startswith("^") and value.endswith("$")):
        problems.append(f"{where}: pattern {value!r} must be anchored with ^...$")
    if NON_PORTABLE_REGEX.search(value):
        problems.append(f"{where}: pattern {value!r} uses a class escape or lookbehind; write [0-9] etc.")


def check_property_name(name: str, where: str, problems: list[str]) -> None:
    letters = re.sub(r"[^a-z]", "", name.lower())
    if PERSONAL.search(letters):
        problems.append(f"{where}: property name {name!r} looks like personal data or free text")


def error_locations(error) -> list[tuple[str, str]]:
    """(keyword, JSON pointer) of one validation error; a missing or unexpected property is located at its own pointer."""
    base = list(error.absolute_path)
    keyword = error.validator
    if keyword in ("required", "dependentRequired"):
        literal = error.message.split(" is a ", 1)[0]
        try:
            missing = ast.literal_eval(literal)
        except (ValueError, SyntaxError):
            missing = literal
        return [(keyword, pointer(base + [missing]))]
    if keyword == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        patterns = error.schema.get("patternProperties", {})
        extras = [k for k in error.instance if k not in known and not any(re.search(p, k) for p in patterns)]
        return [(keyword, pointer(base + [k])) for k in extras] or [(keyword, pointer(base))]
    return [(keyword, pointer(base))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=Path(__file__).resolve().parent.parent / "EventSchemas")
    parser.add_argument("--json", action="store_true", help="print machine-readable results per examples file")
    args = parser.parse_args()
    root: Path = args.dir
    out = sys.stderr if args.json else sys.stdout

    schema_files = sorted(p for p in root.glob("*.json"))
    example_files = sorted((root / "examples").glob("*.examples.json"))
    if not schema_files:
        print(f"no schemas in {root}", file=sys.stderr)
        return 1

    schemas: dict[str, object] = {}
    load_problems: dict[str, list[str]] = {}
    for path in schema_files:
        try:
            schemas[path.name] = load_json(path)
        except (ValueError, OSError) as error:
            load_problems[path.name] = [f"not valid JSON: {error}"]

    resources = []
    for name, schema in schemas.items():
        if isinstance(schema, dict) and isinstance(schema.get("$id"), str):
            resources.append((schema["$id"], Resource.from_contents(schema, default_specification=DRAFT202012)))
    registry = Registry().with_resources(resources)
    format_checker = FormatChecker()

    passed = failed = 0
    json_results = []
    versions: dict[str, list[int]] = {}
    example_names = {p.name for p in example_files}

    for path in schema_files:
        name = path.name
        problems = list(load_problems.get(name, []))
        schema = schemas.get(name)
        result = None
        detail = ""
        if schema is not None:
            problems += check_schema_file(name, schema, registry, versions)
            is_event = isinstance(schema, dict) and "x-event-type" in schema
            examples_name = name[: -len(".json")] + ".examples.json"
            if not is_event:
                if examples_name in example_names:
                    problems.append(f"{examples_name}: a definitions file has no examples")
                detail = f"definitions, {len(schema.get('$defs', {}))} $defs"
            elif examples_name not in example_names:
                problems.append(f"no examples file examples/{examples_name}")
            elif not problems:
                result = check_examples(root / "examples" / examples_name, schema, registry, format_checker)
                problems += result["problems"]
                detail = f"{len(result['valid'])} valid, {len(result['invalid'])} invalid"
            if result is not None or is_event:
                json_results.append(result or {"file": examples_name, "schema": name, "valid": [], "invalid": [],
                                               "invalidErrors": [], "ok": False, "problems": problems})
                json_results[-1]["ok"] = not problems
                json_results[-1]["problems"] = problems
        if problems:
            failed += 1
            print(f"FAIL {name}", file=out)
            for problem in problems:
                print(f"     {problem}", file=out)
        else:
            passed += 1
            print(f"ok   {name} ({detail})", file=out)

    schema_names = {p.name for p in schema_files}
    for path in example_files:
        schema_name = path.name[: -len(".examples.json")] + ".json"
        if schema_name not in schema_names:
            failed += 1
            print(f"FAIL examples/{path.name}", file=out)
            print(f"     no schema {schema_name}", file=out)
            json_results.append({"file": path.name, "schema": None, "valid": [], "invalid": [], "invalidErrors": [],
                                 "ok": False, "problems": [f"no schema {schema_name}"]})

    for event_type, found in sorted(versions.items()):
        if sorted(found) != list(range(1, len(found) + 1)):
            failed += 1
            print(f"FAIL {event_type}: versions {sorted(found)} are not 1..n", file=out)

    if args.json:
        print(json.dumps(json_results, indent=2, ensure_ascii=False))
    print(f"{passed} passed, {failed} failed", file=out)
    return 1 if failed else 0


def check_schema_file(name: str, schema, registry, versions) -> list[str]:
    problems: list[str] = []
    if not isinstance(schema, dict):
        return ["a schema file must hold a JSON object"]
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as error:
        problems.append(f"not a valid Draft 2020-12 schema: {error.message} at {pointer(error.absolute_path)}")
    if schema.get("$schema") != DRAFT_URI:
        problems.append(f"$schema must be {DRAFT_URI}")
    if schema.get("$id") != BASE_URI + name:
        problems.append(f"$id must be {BASE_URI + name}")
    if not isinstance(schema.get("description"), str) or len(schema["description"]) < 20:
        problems.append("needs a description of the fact it records")
    refs: list[str] = []
    lint(schema, "#", problems, refs)
    resolver = registry.resolver(base_uri=schema.get("$id", ""))
    for ref in sorted(set(refs)):
        try:
            resolver.lookup(ref)
        except Exception as error:  # referencing raises several unresolvable kinds
            problems.append(f"$ref {ref!r} does not resolve: {type(error).__name__}")
    match = re.fullmatch(r"([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\.v([1-9][0-9]*)\.json", name)
    if not match:
        problems.append("file name must be kebab-name.vN.json")
        return problems
    stem, version = match.group(1), int(match.group(2))
    if "x-event-type" not in schema:
        if name != COMMON or schema.get("x-kind") != "definitions":
            problems.append("an event schema needs x-event-type (only common.v1.json holds definitions)")
        return problems
    event_type = schema["x-event-type"]
    if not isinstance(event_type, str) or not re.fullmatch(r"[A-Z][A-Za-z0-9]+", event_type) or kebab(event_type) != stem:
        problems.append(f"x-event-type {event_type!r} does not match the file name {stem}")
    if schema.get("title") != event_type:
        problems.append("title must equal x-event-type")
    if schema.get("x-schema-version") != version:
        problems.append(f"x-schema-version {schema.get('x-schema-version')!r} does not match v{version}")
    versions.setdefault(str(event_type), []).append(version)
    stream = schema.get("x-stream")
    if not isinstance(stream, str) or not re.fullmatch(r"[a-z][a-z-]*(-\{[A-Za-z]+\})+", stream):
        problems.append(f"x-stream {stream!r} must look like household-{{householdId}}")
    else:
        for placeholder in re.findall(r"\{([A-Za-z]+)\}", stream):
            if placeholder not in schema.get("required", []):
                problems.append(f"x-stream placeholder {placeholder} is not a required property")
    effective = schema.get("x-effective-date")
    if effective is not None and effective not in schema.get("required", []):
        problems.append(f"x-effective-date {effective!r} is not a required property")
    if schema.get("type") != "object":
        problems.append("an event payload is an object")
    return problems


def check_examples(path: Path, schema, registry, format_checker) -> dict:
    result = {"file": path.name, "schema": path.name.replace(".examples.json", ".json"),
              "valid": [], "invalid": [], "invalidErrors": [], "problems": []}
    problems = result["problems"]
    try:
        examples = load_json(path)
    except (ValueError, OSError) as error:
        problems.append(f"examples/{path.name}: not valid JSON: {error}")
        return result
    if not isinstance(examples, dict) or set(examples) != {"valid", "invalid"}:
        problems.append("an examples file is {\"valid\": [...], \"invalid\": [...]}")
        return result
    validator = Draft202012Validator(schema, registry=registry, format_checker=format_checker)
    if len(examples["valid"]) < 2:
        problems.append("needs at least 2 valid examples")
    if len(examples["invalid"]) < 4:
        problems.append("needs at least 4 invalid examples")
    for i, instance in enumerate(examples["valid"]):
        errors = list(validator.iter_errors(instance))
        result["valid"].append(not errors)
        for error in errors:
            problems.append(f"valid[{i}] fails: {error.validator} at {pointer(error.absolute_path)}: {error.message}")
    for i, case in enumerate(examples["invalid"]):
        if not isinstance(case, dict) or set(case) != {"description", "instance", "pointer", "keyword"}:
            problems.append(f"invalid[{i}] needs exactly description, instance, pointer and keyword")
            result["invalid"].append(None)
            result["invalidErrors"].append([])
            continue
        errors = list(validator.iter_errors(case["instance"]))
        locations = [loc for error in errors for loc in error_locations(error)]
        result["invalid"].append(not errors)
        result["invalidErrors"].append([{"keyword": k, "pointer": p} for k, p in locations])
        expected = (case["keyword"], case["pointer"])
        if not errors:
            problems.append(f"invalid[{i}] ({case['description']}) passes validation")
        elif locations != [expected]:
            found = ", ".join(f"{k} at {p or '(root)'}" for k, p in locations)
            problems.append(f"invalid[{i}] ({case['description']}): expected only {expected[0]} at "
                            f"{expected[1] or '(root)'}, got {found}")
    return result


if __name__ == "__main__":
    sys.exit(main())
