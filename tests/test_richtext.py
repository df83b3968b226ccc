"""The rich-text subset: paragraphs, bullets, numbered lists, bold and italic."""

from __future__ import annotations

from devagree.core.richtext import (
    BulletList,
    ListItem,
    NumberedList,
    Paragraph,
    Run,
    parse,
    parse_texts,
    plain,
)


def test_paragraphs_are_separated_by_blank_lines_and_lines_join() -> None:
    assert parse("one\ntwo\n\nthree\n") == (
        Paragraph((Run("one two"),)),
        Paragraph((Run("three"),)),
    )


def test_bold_and_italic_runs() -> None:
    assert parse("a **b** *c* ***d***") == (
        Paragraph(
            (
                Run("a "),
                Run("b", bold=True),
                Run(" "),
                Run("c", italic=True),
                Run(" "),
                Run("d", bold=True, italic=True),
            )
        ),
    )


def test_bullets_and_nested_bullets() -> None:
    assert parse("- x\n- y\n  - z\n") == (
        BulletList((ListItem((Run("x"),)), ListItem((Run("y"),)), ListItem((Run("z"),), 1))),
    )


def test_numbered_list_keeps_its_start() -> None:
    assert parse("3. c\n4. d\n") == (
        NumberedList((ListItem((Run("c"),)), ListItem((Run("d"),))), start=3),
    )


def test_paragraph_then_list_as_in_the_seed() -> None:
    blocks = parse("Ultimo 2016 foreligger der:\n\n- En strategi\n- En plan\n")
    assert isinstance(blocks[0], Paragraph)
    assert isinstance(blocks[1], BulletList)
    assert plain(blocks) == "Ultimo 2016 foreligger der:\nEn strategi\nEn plan"


def test_loose_list_item_paragraphs_join_one_entry() -> None:
    assert parse("- a\n\n  more\n- b\n") == (
        BulletList((ListItem((Run("a more"),)), ListItem((Run("b"),)))),
    )


def test_html_and_other_markdown_stay_literal_text() -> None:
    text = "<b>x</b> # not a heading `code` [link](http://x)"
    assert plain(parse(text)) == text


def test_escapes_keep_the_character() -> None:
    assert plain(parse("2016\\. og \\*ikke kursiv\\*")) == "2016. og *ikke kursiv*"


def test_list_of_texts_is_one_bullet_each() -> None:
    assert parse_texts(["a *b*", "c"]) == (
        BulletList((ListItem((Run("a "), Run("b", italic=True))), ListItem((Run("c"),)))),
    )


def test_empty_text_gives_no_blocks() -> None:
    assert parse("") == ()
    assert parse_texts([]) == ()
