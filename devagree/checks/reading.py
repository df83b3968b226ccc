"""Codes for files that cannot be read or do not match the schema.

These are found by the loader and the schema, not by a rule module; they are listed here so
that the reference of every code lives in one registry. A file with a reading problem is not
checked further until it is fixed; one with schema problems is still checked by the rules,
on a model salvaged around them (``core.salvage``). Reading problems (DA0xx) make
`devagree check` exit with 2; schema problems (DA1xx) with 1. Neither can be switched off in
devagree.yaml.

The workbook's own set-up (DA3xx) is checked by the pipeline too: devagree.yaml's rules
(DA301), and the merge driver git needs in each clone (DA302, a warning that can be switched
off where nothing is merged).
"""

from __future__ import annotations

from devagree.checks.base import Code
from devagree.core.problems import Severity
from devagree.i18n import N_


def _code(code: str, title: str, doc: str) -> Code:
    return Code(code, Severity.ERROR, title, doc, None, adjustable=False)


READING_CODES: tuple[Code, ...] = (
    _code(
        "DA001",
        N_("The file cannot be read."),
        N_(
            "It does not exist, is a folder, a named pipe or a device (which devagree never "
            "waits on), or the operating system refuses to open it (permissions, a lock held "
            "by another program)."
        ),
    ),
    _code(
        "DA002",
        N_("The file is not UTF-8 text."),
        N_(
            "devagree reads UTF-8 only. In Notepad: "
            "File > Save as > Encoding: UTF-8. The message names the first byte that is not UTF-8."
        ),
    ),
    _code(
        "DA003",
        N_("The file is not valid YAML."),
        N_(
            "A colon, quote or indentation is off; the "
            "position is where the YAML parser gave up, which is often just after the mistake. "
            "Also reported for a file with more than one YAML document (`---`)."
        ),
    ),
    _code(
        "DA004",
        N_("A tab is used for indentation."),
        N_("YAML indents with spaces only. Let your editor insert spaces when you press Tab."),
    ),
    _code(
        "DA005",
        N_("A key appears twice in the same mapping."),
        N_(
            "YAML would silently keep only "
            "the last one; devagree refuses the file so that no text is lost."
        ),
    ),
    _code(
        "DA006",
        N_("Anchors and aliases are not allowed."),
        N_(
            "`&name` and `*name` let one piece "
            "of text stand in many places and can blow a small file up to gigabytes; write the "
            "text out where it is needed."
        ),
    ),
    _code(
        "DA007",
        N_("A YAML tag that is not allowed."),
        N_(
            "Only plain text, numbers, dates, lists "
            "and mappings are read. Tags such as `!!python/object` are refused, never run."
        ),
    ),
    _code(
        "DA008",
        N_("The file is empty or is not a mapping."),
        N_("A devagree file is a mapping that starts with `kind:` and `version: 1`."),
    ),
    _code(
        "DA009",
        N_("The data is nested too deep."),
        N_(
            "Agreements nest about six levels; past 64 "
            "the file is refused before parsing goes further."
        ),
    ),
    _code(
        "DA010",
        N_("The file is too large."),
        N_(
            "Files up to 2 MB are read; the seed agreement is "
            "12 KB. Split a very large workbook into one file per agreement."
        ),
    ),
    _code(
        "DA101",
        N_("A required field is missing."),
        N_(
            "For example an item without `deadline`. "
            "Each item needs all twelve rows of the seed agreement."
        ),
    ),
    _code(
        "DA102",
        N_("A field that devagree does not know."),
        N_("Usually a misspelt key; the message suggests the closest known one."),
    ),
    _code(
        "DA103",
        N_("A field has the wrong type."),
        N_("For example a list where text is expected, or text where a whole number is expected."),
    ),
    _code(
        "DA104",
        N_("A field has a value that is not allowed."),
        N_(
            "A date not written as "
            "YYYY-MM-DD, an id with capital letters or spaces, an unknown status state (the "
            "valid ones are listed), an empty text."
        ),
    ),
    _code(
        "DA105",
        N_("Unknown `kind` or `version`."),
        N_(
            "Every file starts with `kind: agreement` "
            "(or `kind: workbook` for devagree.yaml) and `version: 1`."
        ),
    ),
    _code(
        "DA301",
        N_("devagree.yaml names a problem code that does not exist or cannot be changed."),
        N_("Only the rule codes (DA2xx) and DA302 can be switched off or change severity."),
    ),
    Code(
        "DA302",
        Severity.WARNING,
        N_("Agreement files are set to merge with devagree, but this clone has no such driver."),
        N_(
            "`.gitattributes` names devagree's merge driver (`merge=devagree`) for the "
            "agreement files, so that follow-up and signatures recorded in two clones merge "
            "without a conflict. git does not copy a repository's settings when it is cloned, "
            "so each clone registers the driver itself: run `devagree init` in the clone (it "
            "keeps every file there and registers the driver). Without it, git merges the files "
            "line by line without a word, and two people's follow-up on one item conflicts. "
            "Where nothing is merged (CI), switch the warning off with `DA302: off` under "
            "`rules` in devagree.yaml."
        ),
        None,
    ),
)
