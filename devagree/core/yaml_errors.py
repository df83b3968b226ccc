"""What libyaml says when it gives up on a file, said in the user's words.

The loader (``core.loader``) reads YAML; this module only words its errors: a tab used for
indentation (DA004), a second document, and libyaml's usual explanations of where and why
it stopped (DA003), each at the line and column it names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from devagree.i18n import N_, _

if TYPE_CHECKING:
    from ruamel.yaml.error import MarkedYAMLError


def explain(err: MarkedYAMLError, text: str) -> tuple[str, str, int, int]:
    """The code, the message in the user's words, and the line and column of a parser error."""
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    problem = (err.problem or "").strip()
    if "tab" in problem or _tab_at(text, line, column):
        return (
            "DA004",
            _(
                "a tab is used for indentation; YAML indents with spaces only "
                "(let your editor insert spaces for tabs)"
            ),
            line,
            column,
        )
    if "expected a single document" in (err.context or ""):
        return (
            "DA003",
            _(
                "the file holds more than one YAML document (a second `---`); "
                "put each agreement in its own file"
            ),
            line,
            column,
        )
    context = _parser_words((err.context or "").strip())
    problem = _parser_words(problem)
    detail = f"{problem} ({context})" if context and problem else problem or context
    message = _("the file is not valid YAML: {detail}").format(detail=detail)
    return "DA003", message, line, column


_PARSER_PHRASES = {
    "found unexpected end of stream": N_("the file ends unexpectedly"),
    "while scanning a quoted scalar": N_("inside a quoted text"),
    "while scanning a simple key": N_("after a key"),
    "could not find expected ':'": N_("a `:` was expected"),
    "did not find expected key": N_("a key was expected"),
    "while parsing a block mapping": N_("in a block of keys"),
    "while parsing a block collection": N_("in a list"),
    "did not find expected '-' indicator": N_("a `-` was expected"),
    "while parsing a flow sequence": N_("in a list in brackets"),
    "did not find expected ',' or ']'": N_("a `,` or `]` was expected"),
    "while parsing a flow mapping": N_("in a mapping in braces"),
    "did not find expected ',' or '}'": N_("a `,` or `}` was expected"),
    "mapping values are not allowed in this context": N_(
        "a `:` followed by a space is not allowed here (quote the text)"
    ),
    "found character that cannot start any token": N_("a character that cannot start a value"),
    "while scanning for the next token": N_("while reading the next value"),
    "while scanning a block scalar": N_("in a block of text"),
    "found undefined tag handle": N_("an unknown tag"),
    "while parsing a node": N_("while reading a value"),
    "while parsing a block node": N_("while reading a value"),
    "while parsing a flow node": N_("while reading a value"),
}
"""libyaml's usual explanations, said in the user's language (others are shown as they are)."""


def _parser_words(phrase: str) -> str:
    known = _PARSER_PHRASES.get(phrase)
    return _(known) if known is not None else phrase


def _tab_at(text: str, line: int, column: int) -> bool:
    """libyaml reports a tab as 'a character that cannot start any token': look at it."""
    lines = text.split("\n", line)
    if not 0 < line <= len(lines):
        return False
    here = lines[line - 1]
    return "\t" in here[: max(column, 1)] and not here[: column - 1].strip(" \t")
