"""Bundled JSON Schemas, and schema errors turned into located problems in plain words.

Valid files are the common case, so they go through a validator compiled to Python code
(fastjsonschema). The build compiles each schema once (``devagree/_validators``, made by
``hatch_build.py``); devagree uses that module while it was made from the schema as it is,
and compiles the schema itself otherwise (in a source tree whose schema was edited), which
costs a first check of a small workbook more than all the rest. Only a file that fails is
validated again by jsonschema, whose errors carry the path we need to point at the line and
to explain the problem.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
from collections.abc import Callable, Iterator
from difflib import get_close_matches
from functools import cache
from pathlib import Path
from typing import Any

from devagree.core.loader import Document
from devagree.core.paths import Path_
from devagree.core.places import describe_place, field_name
from devagree.core.problems import Problem, Severity
from devagree.core.resources import data_file
from devagree.core.salvage import is_date
from devagree.i18n import N_, _, ngettext

SCHEMA_FILES = {
    "agreement": "agreement.schema.json",
    "strategy": "strategy.schema.json",
    "workbook": "workbook.schema.json",
}
"""Schema per document ``kind``."""


@cache
def schema_for(kind: str) -> dict[str, Any]:
    text = data_file("schemas", SCHEMA_FILES[kind]).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


FORMATS = {"date": is_date}
GENERATED = Path(__file__).resolve().parent.parent / "_validators"
"""The validators the build made, one module per kind (git ignores them)."""


@cache
def _fast_validator(kind: str) -> Callable[[Any], Any]:
    made = _made_by_the_build(kind)
    if made is not None:
        return functools.partial(made, custom_formats=FORMATS)
    import fastjsonschema

    validator: Callable[[Any], Any] = fastjsonschema.compile(schema_for(kind), formats=FORMATS)
    return validator


def _made_by_the_build(kind: str) -> Callable[..., Any] | None:
    """The build's validator of ``kind``, when it was made from the schema as it is now."""
    path = GENERATED / f"{kind}.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location(f"devagree._validators.{kind}", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception:  # a damaged or foreign file: compile the schema instead
        return None
    if getattr(module, "SCHEMA", None) != schema_digest(kind):
        return None
    validate: Callable[..., Any] | None = getattr(module, "validate", None)
    return validate


@cache
def schema_digest(kind: str) -> str:
    """The SHA-256 of the schema file, which names the validator made from it."""
    data = data_file("schemas", SCHEMA_FILES[kind]).read_bytes()
    return hashlib.sha256(data).hexdigest()


def is_valid(kind: str, data: Any) -> bool:
    """The fast path: a yes or no from the compiled validator."""
    from fastjsonschema import JsonSchemaException

    try:
        _fast_validator(kind)(data)
    except JsonSchemaException:
        return False
    return True


@cache
def _validator(kind: str) -> Any:
    """jsonschema's validator for ``kind``, with the `date` format ISO dates are checked by."""
    import jsonschema

    checker = jsonschema.FormatChecker(formats=())
    checker.checks("date", raises=ValueError)(is_date)
    return jsonschema.Draft202012Validator(schema_for(kind), format_checker=checker)


def validate(document: Document, kind: str) -> list[Problem]:
    """Schema problems of ``document`` against the schema of ``kind``, each at its position."""
    return validate_places(document, kind)[0]


def validate_places(document: Document, kind: str) -> tuple[list[Problem], frozenset[Path_]]:
    """The schema problems, and the places in the data they refuse (a missing field's place
    is where it should be), so a model can be salvaged around them (``core.salvage``)."""
    if is_valid(kind, document.data):
        return [], frozenset()
    places: set[Path_] = set()
    return sorted(_explain(document, kind, places)), frozenset(places)


def _explain(document: Document, kind: str, places: set[Path_]) -> Iterator[Problem]:
    validator = _validator(kind)
    seen: set[tuple[int, int, str]] = set()
    for error in validator.iter_errors(document.data):
        for problem in _explain_error(document, _innermost(error), places):
            key = (problem.line, problem.column, problem.message)
            if key not in seen:
                seen.add(key)
                yield problem


def _innermost(error: Any) -> Any:
    """For `oneOf` failures, the alternative that came closest, which is what the user meant.

    "Not text" at the level of the value itself says little when the value is a list with
    one bad entry, so an alternative that got deeper into the value wins.
    """
    import jsonschema.exceptions

    while error.validator in ("oneOf", "anyOf") and error.context:
        deeper = [e for e in error.context if e.validator != "type" or e.relative_path]
        error = jsonschema.exceptions.best_match(deeper or error.context)
    return error


def _explain_error(
    document: Document, error: Any, places: set[Path_] | None = None
) -> Iterator[Problem]:
    """The problems an error gives; the places they refuse are added to ``places``."""
    refused_places = places if places is not None else set()
    for code, message, where, at_key, refused in _describe(
        document, error, tuple(error.absolute_path)
    ):
        refused_places.add(refused)
        if at_key:
            line, column = document.key_position(where)
        else:
            line, column = document.position(where)
        yield Problem(
            document.path, line, column, code, Severity.ERROR, message, detail=error.message
        )


_EXPECTED_FORM = N_("does not have the expected form")
_NOT_IN_THIS_FORM = N_("is not allowed in this form")
_NOT_HERE = N_("is not allowed here")

Description = tuple[str, str, Path_, bool, Path_]
"""Problem code, message in plain words, where it is, whether to point at the key, and the
place in the data it refuses."""


def _describe(document: Document, error: Any, where: Path_) -> Iterator[Description]:
    kind = error.validator
    value = error.instance
    name = field_name(where)
    place = describe_place(document.data, where)
    if kind == "required":
        owner = describe_place(document.data, where, owner=True)
        for field in error.validator_value:
            if field not in (value or {}):
                yield (
                    "DA101",
                    _("{place} has no `{field}`").format(place=owner, field=field),
                    where,
                    False,
                    (*where, field),
                )
    elif kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        for field in sorted(set(value) - set(known)):
            at = (*where, field)
            hint = _did_you_mean(field, known)
            yield (
                "DA102",
                _("unknown field `{field}`{place}").format(
                    field=field, place=describe_place(document.data, at)
                )
                + hint,
                at,
                True,
                at,
            )
    elif kind in ("const", "enum"):
        yield (*_not_allowed(kind, name, place, value, error.validator_value, where), where)
    elif kind == "type" and value is None:
        message = _("{field}{place} is empty; write the text").format(field=name, place=place)
        yield "DA103", message, where, False, where
    elif kind == "type":
        wanted = _type_words(error.validator_value)
        message = _("{field}{place} must be {wanted}, not {found}").format(
            field=name, place=place, wanted=wanted, found=_type_of(value)
        )
        yield "DA103", message, where, False, where
    elif kind in ("pattern", "format"):
        explanation = _(error.schema.get("x-message", _EXPECTED_FORM))
        message = _("{field}{place} is `{value}`; it {explanation}").format(
            field=name, place=place, value=value, explanation=explanation
        )
        yield "DA104", message, where, False, where
    elif kind == "minLength":
        message = _("{field}{place} is empty").format(field=name, place=place)
        yield "DA104", message, where, False, where
    elif kind == "maxLength":
        limit = error.validator_value
        message = _("{field}{place} is longer than {limit} characters").format(
            field=name, place=place, limit=limit
        )
        yield "DA104", message, where, False, where
    elif kind == "minItems":
        count = error.validator_value
        message = ngettext(
            "{field}{place} needs at least {count} entry",
            "{field}{place} needs at least {count} entries",
            count,
        ).format(field=name, place=place, count=count)
        yield "DA104", message, where, False, where
    elif kind in ("minimum", "maximum"):
        if kind == "minimum":
            said = _("{field}{place} is {value}; it must be at least {limit}")
        else:
            said = _("{field}{place} is {value}; it must be at most {limit}")
        message = said.format(field=name, place=place, value=value, limit=error.validator_value)
        yield "DA104", message, where, False, where
    elif kind == "dependentRequired":
        owner = describe_place(document.data, where, owner=True)
        for field, needs in error.validator_value.items():
            if field in (value or {}):
                for other in needs:
                    if other not in value:
                        message = _("{place} has `{field}` but no `{other}`").format(
                            place=owner, field=field, other=other
                        )
                        yield "DA101", message, where, False, (*where, other)
    elif kind == "not":
        owner = describe_place(document.data, where, owner=True)
        explanation = _(error.schema.get("x-not-message", _NOT_IN_THIS_FORM))
        message = _("{place} {explanation}").format(place=owner, explanation=explanation)
        yield "DA104", message, where, False, where
    elif kind == "propertyNames":
        explanation = _(error.schema.get("x-message", _NOT_HERE))
        message = _("`{value}` in {field}: it {explanation}").format(
            value=value, field=name, explanation=explanation
        )
        yield "DA104", message, where, True, where
    else:
        message = _("{field}{place}: {detail}").format(
            field=name, place=place, detail=error.message
        )
        yield "DA104", message, where, False, where


def _not_allowed(
    kind: str, name: str, place: str, value: Any, allowed_value: Any, where: Path_
) -> tuple[str, str, Path_, bool]:
    allowed = allowed_value if kind == "enum" else [allowed_value]
    code = "DA105" if where and where[-1] in ("kind", "version") else "DA104"
    if isinstance(value, str) and value in {str(a) for a in allowed if not isinstance(a, str)}:
        message = _('{field}{place} is the text "{value}"; write it without quotes').format(
            field=name, place=place, value=value
        )
        return code, message, where, False
    choices = ", ".join(str(a) for a in allowed)
    hint = _did_you_mean(str(value), [str(a) for a in allowed])
    message = _("{field}{place} is `{value}`; it must be one of: {choices}").format(
        field=name, place=place, value=value, choices=choices
    )
    return code, message + hint, where, False


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = get_close_matches(word, choices, n=1, cutoff=0.6)
    return _("; did you mean `{suggestion}`?").format(suggestion=close[0]) if close else ""


_TYPE_WORDS = {
    "string": N_("text"),
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "object": N_("a mapping of keys"),
    "array": N_("a list"),
    "boolean": N_("true or false"),
    "null": N_("empty"),
}


def _type_words(expected: str | list[str]) -> str:
    names = [expected] if isinstance(expected, str) else expected
    words = [_(_TYPE_WORDS[n]) if n in _TYPE_WORDS else n for n in names]
    return _(" or ").join(words)


def _type_of(value: Any) -> str:
    if value is None:
        return _("empty")
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, int | float):
        return _("the number {value}").format(value=value)
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    return _("a mapping")
