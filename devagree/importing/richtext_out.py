"""Word paragraphs as the rich-text subset of the format (Markdown: paragraphs, lists, bold,
italic).

A paragraph Word numbers as a list becomes a list entry; so does a line typed as one
("- ", "• ", "1)", "a."), also when several such lines sit in one paragraph separated by
manual line breaks. Bold and italic runs become ``**``/``*``; a literal asterisk is escaped
so it stays an asterisk. Nothing here drops a word: every character of the text comes out,
apart from typed bullet signs and list numbers, which the list itself now carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from devagree.importing.wordread import Para, Piece

_BULLET = re.compile(r"^[ \t]*([-\u2013\u2014•·▪■◦●○*+\uf0b7\uf0a7\uf076\uf0d8])[ \t]+(?=\S)")
_NUMBER = re.compile(r"^[ \t]*\(?(\d{1,2}|[a-zA-Z])[.)][ \t]+(?=\S)")
_MONTHS = re.compile(
    r"^\s*\d{1,2}\.\s*(jan|feb|mar|apr|maj|may|jun|jul|aug|sep|okt|oct|nov|dec|halvår|kvartal"
    r"|gang|klasse|del|runde|fase|etape|\d)",
    re.IGNORECASE,
)
_LIST_START = re.compile(r"^(\s*)(\d{1,9})([.)])(\s|$)")


@dataclass(slots=True)
class Line:
    """One paragraph or list entry of the output."""

    kind: str  # "para", "bullet", "number"
    level: int
    text: str  # Markdown
    joined: bool = False
    """A line of the same Word paragraph as the line before (a manual line break)."""


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*")


def _markup(pieces: list[Piece]) -> str:
    out: list[str] = []
    for piece in pieces:
        text = _escape(piece.text.replace("\t", " ").replace("\u00a0", " "))
        core = text.strip()
        if not core or not (piece.bold or piece.italic):
            out.append(text)
            continue
        mark = "***" if piece.bold and piece.italic else "**" if piece.bold else "*"
        lead = text[: len(text) - len(text.lstrip())]
        tail = text[len(text.rstrip()) :]
        out.append(f"{lead}{mark}{core}{mark}{tail}")
    return "".join(out)


def _split_lines(pieces: list[Piece]) -> list[list[Piece]]:
    lines: list[list[Piece]] = [[]]
    for piece in pieces:
        parts = piece.text.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append([])
            if part:
                lines[-1].append(Piece(part, piece.bold, piece.italic))
    return lines


def _strip_prefix(pieces: list[Piece], length: int) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if length <= 0:
            out.append(piece)
        elif len(piece.text) <= length:
            length -= len(piece.text)
        else:
            out.append(Piece(piece.text[length:], piece.bold, piece.italic))
            length = 0
    return out


def typed_list(text: str) -> tuple[str, int] | None:
    """("bullet"|"number", length of the sign) when ``text`` starts with a typed list sign."""
    bullet = _BULLET.match(text)
    if bullet:
        return "bullet", bullet.end()
    number = _NUMBER.match(text)
    if number and not _MONTHS.match(text):
        return "number", number.end()
    return None


def lines_of(para: Para, first_strip: int = 0) -> list[Line]:
    """The output lines of one Word paragraph (``first_strip`` characters of a label cut)."""
    pieces = _strip_prefix(para.pieces, first_strip) if first_strip else para.pieces
    out: list[Line] = []
    for index, piece_line in enumerate(_split_lines(pieces)):
        text = "".join(p.text for p in piece_line)
        if not text.strip():
            continue
        kind, level = "para", 0
        if index == 0 and para.list_kind:
            kind, level = para.list_kind, para.list_level
            typed = typed_list(text)
            if typed is not None:
                piece_line = _strip_prefix(piece_line, typed[1])
        else:
            typed = typed_list(text)
            if typed is not None:
                kind = typed[0]
                level = para.list_level + 1 if para.list_kind else 0
                piece_line = _strip_prefix(piece_line, typed[1])
        markdown = _markup(piece_line).strip()
        if not markdown:
            continue
        out.append(Line(kind, level, markdown, joined=bool(out)))
    return out


def to_markdown(lines: list[Line]) -> str:
    """The lines as one rich-text value."""
    parts: list[str] = []
    previous: Line | None = None
    numbers: dict[int, int] = {}
    widths: dict[int, int] = {}
    for line in lines:
        if line.kind == "para":
            text = _guard(line.text)
            if previous is not None and previous.kind == "para" and line.joined:
                parts.append("\n" + text)
            else:
                parts.append(("\n\n" if parts else "") + text)
            numbers, widths = {}, {}
        else:
            same_list = previous is not None and previous.kind != "para"
            if not same_list:
                numbers, widths = {}, {}
            if line.kind == "number":
                numbers = {k: v for k, v in numbers.items() if k <= line.level}
                numbers[line.level] = numbers.get(line.level, 0) + 1
                sign = f"{numbers[line.level]}. "
            else:
                sign = "- "
            widths = {k: v for k, v in widths.items() if k < line.level}
            indent = " " * sum(widths.get(k, 2) for k in range(line.level))
            widths[line.level] = len(sign)
            separator = "\n" if same_list else "\n\n" if parts else ""
            parts.append(separator + indent + sign + line.text)
        previous = line
    return "".join(parts)


def _guard(text: str) -> str:
    """Keep a paragraph that begins like a Markdown list ("29. februar ...") a paragraph."""
    match = _LIST_START.match(text)
    if match:
        return f"{match.group(1)}{match.group(2)}\\{match.group(3)}{text[match.end(3) :]}"
    if text[:2] in ("- ", "+ ") or text == "-":
        return "\\" + text
    return text


def plain_text(lines: list[Line]) -> str:
    """The lines as one line of plain text (for titles, names and deadlines)."""
    text = " ".join(line.text for line in lines)
    text = re.sub(r"(?<!\\)\*+", "", text).replace("\\*", "*").replace("\\\\", "\\")
    return re.sub(r"\s+", " ", text).strip()
