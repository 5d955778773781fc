#!/usr/bin/env python3
"""Validates a 360Giving data package against the local copy of the standard.

Usage: validate_360giving.py PACKAGE.json [STANDARD_DIR]

STANDARD_DIR holds 360-giving-package-schema.json and 360-giving-schema.json
(default: tests/standards/360giving-1.4.3 next to this script). The package
schema refers to the grant schema by its remote address; both the 1.4.2 and
1.4.3 addresses are mapped to the local file so nothing is fetched.

Exit status: 0 valid; 1 invalid (errors on stdout); 2 the validator itself
could not run (bad arguments, unreadable files, jsonschema missing).
"""
import datetime
import json
import os
import re
import sys

SCHEMA_BASE = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/{}/schema/360-giving-schema.json"
GRANT_SCHEMA_URLS = [SCHEMA_BASE.format("1.4.2"), SCHEMA_BASE.format("1.4.3")]

RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$"
)


def is_rfc3339_date_time(value):
    """RFC 3339 date-time. The schema's date fields say oneOf [date-time,
    YYYY-MM-DD], so an unchecked date-time format would make every plain date
    match both branches and fail: the check must exist, whatever optional
    packages jsonschema finds."""
    if not isinstance(value, str):
        return True
    m = RFC3339.match(value)
    if not m:
        return False
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    if hour > 23 or minute > 59 or second > 60:
        return False
    if m.group(9) is not None and (int(m.group(9)) > 23 or int(m.group(10)) > 59):
        return False
    return True


def fail(message):
    print(message)
    sys.exit(2)


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        return e


def main(argv):
    if len(argv) not in (2, 3):
        fail("usage: validate_360giving.py PACKAGE.json [STANDARD_DIR]")
    here = os.path.dirname(os.path.abspath(__file__))
    standard_dir = argv[2] if len(argv) == 3 else os.path.join(here, "..", "standards", "360giving-1.4.3")

    try:
        import jsonschema
    except ImportError as e:
        fail(f"jsonschema is not installed ({e}); install python3-jsonschema")

    package_schema = load_json(os.path.join(standard_dir, "360-giving-package-schema.json"))
    grant_schema = load_json(os.path.join(standard_dir, "360-giving-schema.json"))
    for schema in (package_schema, grant_schema):
        if isinstance(schema, Exception):
            fail(f"cannot read the 360Giving schema: {schema}")

    document = load_json(argv[1])
    if isinstance(document, Exception):
        print(f"not valid JSON: {document}")
        return 1

    format_checker = jsonschema.FormatChecker()
    format_checker.checks("date-time")(is_rfc3339_date_time)

    validator_class = jsonschema.Draft202012Validator
    try:
        # jsonschema 4.18 and later resolve references through `referencing`.
        from referencing import Registry
        from referencing.jsonschema import DRAFT202012

        # The schemas name their dialect with http://, which `referencing`
        # does not recognise by itself: say which one it is.
        resource = DRAFT202012.create_resource(grant_schema)
        registry = Registry().with_resources([(url, resource) for url in GRANT_SCHEMA_URLS])
        validator = validator_class(package_schema, registry=registry, format_checker=format_checker)
    except ImportError:
        # jsonschema 4.10 (Debian 12): a RefResolver with a local store.
        store = {url: grant_schema for url in GRANT_SCHEMA_URLS}
        resolver = jsonschema.RefResolver.from_schema(package_schema, store=store)
        validator = validator_class(package_schema, resolver=resolver, format_checker=format_checker)

    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    if not errors:
        return 0
    for error in errors:
        print(f"{pointer(error)}: {shorten(error.message)}")
        for sub in error.context or []:
            print(f"  {pointer(sub)}: {shorten(sub.message)}")
    return 1


def pointer(error):
    return "/" + "/".join(str(p) for p in error.absolute_path)


def shorten(message, limit=300):
    # Enum failures quote the whole codelist; the start says enough.
    return message if len(message) <= limit else message[:limit] + " ..."


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except SystemExit:
        raise
    except Exception as e:  # a broken validator must never look like a verdict on the data
        fail(f"validator error: {type(e).__name__}: {e}")
