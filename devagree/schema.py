"""Bundled JSON Schemas, and schema errors turned into located problems in plain words.

Valid files are the common case, so they go through a validator compiled to Python code
(fastjsonschema); only a file that fails is validated again by jsonschema, whose errors
carry the path we need to point at the line and to explain the problem.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from difflib import get_close_matches
from functools import cache
from typing import Any

from devagree.places import describe_place, field_name
from devagree.problems import Problem, Severity
from devagree.resources import data_file
from devagree.yamlio import Document, Path_

SCHEMA_FILES = {"agreement": "agreement.schema.json", "workbook": "workbook.schema.json"}
"""Schema per document ``kind``."""


@cache
def schema_for(kind: str) -> dict[str, Any]:
    text = data_file("schemas", SCHEMA_FILES[kind]).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _is_date(value: object) -> bool:
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


@cache
def _fast_validator(kind: str) -> Callable[[Any], Any]:
    import fastjsonschema

    validator: Callable[[Any], Any] = fastjsonschema.compile(
        schema_for(kind), formats={"date": _is_date}
    )
    return validator


def is_valid(kind: str, data: Any) -> bool:
    """The fast path: a yes or no from the compiled validator."""
    import fastjsonschema

    try:
        _fast_validator(kind)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def validate(document: Document, kind: str) -> list[Problem]:
    """Schema problems of ``document`` against the schema of ``kind``, each at its position."""
    if is_valid(kind, document.data):
        return []
    return sorted(_explain(document, kind))


def _explain(document: Document, kind: str) -> Iterator[Problem]:
    import jsonschema

    validator_class = jsonschema.Draft202012Validator
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("date", raises=ValueError)(_is_date)
    validator = validator_class(schema_for(kind), format_checker=checker)
    seen: set[tuple[int, int, str]] = set()
    for error in validator.iter_errors(document.data):
        error = _innermost(error)
        problem = _problem(document, error)
        key = (problem.line, problem.column, problem.message)
        if key not in seen:
            seen.add(key)
            yield problem


def _innermost(error: Any) -> Any:
    """For `oneOf` failures, the alternative that came closest, which is what the user meant."""
    import jsonschema.exceptions

    while error.validator in ("oneOf", "anyOf") and error.context:
        deeper = [e for e in error.context if e.validator != "type" or len(error.context) == 1]
        error = jsonschema.exceptions.best_match(deeper or error.context)
    return error


def _problem(document: Document, error: Any) -> Problem:
    where: Path_ = tuple(error.absolute_path)
    code, message, at_key = _describe(document, error, where)
    if at_key:
        line, column = document.key_position(where)
    else:
        line, column = document.position(where)
    return Problem(document.path, line, column, code, Severity.ERROR, message, detail=error.message)


def _describe(document: Document, error: Any, where: Path_) -> tuple[str, str, bool]:
    """Problem code, message in plain words, and whether it points at the key."""
    kind = error.validator
    value = error.instance
    name = field_name(where)
    place = describe_place(document.data, where)
    if kind == "required":
        missing = [key for key in error.validator_value if key not in (value or {})]
        field = missing[0] if missing else "?"
        return (
            "DA101",
            f"{describe_place(document.data, where, owner=True)} has no `{field}`",
            False,
        )
    if kind == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        known = list(error.schema.get("properties", {}))
        field = extra[0] if extra else "?"
        hint = _did_you_mean(field, known)
        where = (*where, field) if extra else where
        return "DA102", f"unknown field `{field}`{describe_place(document.data, where)}{hint}", True
    if kind in ("const", "enum"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        choices = ", ".join(str(a) for a in allowed)
        hint = _did_you_mean(str(value), [str(a) for a in allowed])
        code = "DA105" if name in ("kind", "version") else "DA104"
        return code, f"{name}{place} is `{value}`; it must be one of: {choices}{hint}", False
    if kind == "type" and value is None:
        return "DA103", f"{name}{place} is empty; write the text (or remove the line)", False
    if kind == "type":
        wanted = _type_words(error.validator_value)
        return "DA103", f"{name}{place} must be {wanted}, not {_type_of(value)}", False
    if kind in ("pattern", "format"):
        explanation = error.schema.get("x-message", "does not have the expected form")
        return "DA104", f"{name}{place} is `{value}`; it {explanation}", False
    if kind == "minLength":
        return "DA104", f"{name}{place} is empty", False
    if kind == "minItems":
        count = error.validator_value
        return (
            "DA104",
            f"{name}{place} needs at least {count} entr{'y' if count == 1 else 'ies'}",
            False,
        )
    if kind in ("minimum", "maximum", "maxLength"):
        return "DA104", f"{name}{place} is `{value}`: {error.message}", False
    if kind == "propertyNames":
        return "DA104", f"`{value}` in {name or 'this mapping'}: {error.message}", True
    return "DA104", f"{name}{place}: {error.message}", False


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "object": "a mapping of keys",
    "array": "a list",
    "boolean": "true or false",
    "null": "empty",
}


def _type_words(expected: str | list[str]) -> str:
    names = [expected] if isinstance(expected, str) else expected
    return " or ".join(_TYPE_WORDS.get(n, n) for n in names)


def _type_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"
