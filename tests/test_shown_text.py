"""The rules of holding a PDF's words against the rendered text, one at a time, without LibreOffice.

Each legitimate difference between the Word document and its PDF is accepted where it
belongs, and only there; anything else names the part whose words differ.
"""

from __future__ import annotations

from devagree.signatures.pdf_words import Block, Page, Word
from devagree.signatures.shown_text import (
    FINGERPRINT,
    PAGE_COUNT,
    PAGE_NUMBER,
    SIGNATURES,
    ShownText,
    ShownWord,
    compare,
)

PRINT = "0a64 3574 6cb0 11ef"
ENDING = ("Udvalget", "Sted", "og", "dato:", "____")


def _shown(*parts: tuple[str, str, bool]) -> ShownText:
    """Words of parts (text, part, starts a list), then the fingerprint line."""
    words = [
        ShownWord(word, part, listed and index == 0)
        for text, part, listed in parts
        for index, word in enumerate(text.split())
    ]
    words += [ShownWord(w, FINGERPRINT) for w in f"Tekstens fingeraftryk: {PRINT}".split()]
    return ShownText(
        words=tuple(words),
        fingerprint=PRINT,
        endings=(ENDING, (*ENDING[:1], "Underskrevet", "af:", "Anne")),
        headers=(("UDKAST",), ()),
        footers=(("Side", PAGE_NUMBER, "af", PAGE_COUNT),),
        heads=(("Aftale", "#", "Indhold"),),
    )


def _line(text: str, head: int = 0) -> Block:
    words = text.split()
    return Block(tuple(Word(w, i == len(words) - 1) for i, w in enumerate(words)), head)


def _page(*blocks: Block) -> Page:
    return Page(tuple(blocks))


def _signature_page(number: int, count: int, ending: tuple[str, ...] = ENDING) -> Page:
    return _page(
        _line("UDKAST"),
        _line(f"Tekstens fingeraftryk: {PRINT}"),
        _line(" ".join(ending)),
        _line(f"Side {number} af {count}"),
    )


SHOWN = _shown(
    ("Udviklingsaftale for 2016", "agreement.title", False),
    ("Mål", "item-1.goal", False),
    ("Der foreligger en recovery-orienteret strategi", "item-1.goal", True),
    ("Handicapchefen og udsatte-, handicap- og misbrugsområdet", "item-1.owner", False),
)


def _body(*lines: str) -> Page:
    return _page(_line("UDKAST"), *(_line(text) for text in lines), _line("Side 1 af 2"))


def test_the_same_words_laid_out_otherwise_are_the_same() -> None:
    pages = [
        _body(
            "Udviklingsaftale for 2016 Mål",
            "• Der foreligger en recovery-",
            "orienteret strategi Handicap-",
            "chefen og udsatte-, handicap-",
            "og misbrugsområdet",
        ),
        _signature_page(2, 2),
    ]
    assert compare(SHOWN, pages).same


def test_a_changed_word_names_its_part() -> None:
    pages = [
        _body("Udviklingsaftale for 2016 Mål • Der foreligger en recovery-orienteret plan",
              "Handicapchefen og udsatte-, handicap- og misbrugsområdet"),
        _signature_page(2, 2),
    ]  # fmt: skip
    found = compare(SHOWN, pages)
    assert found.parts == ("item-1.goal",)
    assert found.fingerprint_ok


def test_a_list_label_is_taken_only_before_a_list_paragraph() -> None:
    pages = [
        _body("Udviklingsaftale for 2016 Mål 7. Der foreligger en recovery-orienteret strategi",
              "Handicapchefen og udsatte-, 7. handicap- og misbrugsområdet"),
        _signature_page(2, 2),
    ]  # fmt: skip
    assert compare(SHOWN, pages).parts == ("item-1.owner",)


def test_the_table_head_repeats_only_at_the_top_of_a_page() -> None:
    shown = _shown(
        ("Aftale # Indhold Mål Første", "item-1", False), ("Anden", "item-1.goal", False)
    )
    repeated = [
        _page(_line("UDKAST"), _line("Aftale # Indhold Mål Første", 3), _line("Side 1 af 3")),
        _page(_line("UDKAST"), _line("Aftale # Indhold Anden", 3), _line("Side 2 af 3")),
        _signature_page(3, 3),
    ]
    assert compare(shown, repeated).same
    after_text = [
        _page(_line("UDKAST"), _line("Aftale # Indhold Mål Første", 3), _line("Slut"),
              _line("Side 1 af 3")),
        _page(_line("UDKAST"), _line("Aftale # Indhold Anden", 3), _line("Side 2 af 3")),
        _signature_page(3, 3),
    ]  # fmt: skip
    assert compare(shown, after_text).parts == ("item-1.goal",)
    inside = [
        _page(_line("UDKAST"), _line("Aftale # Indhold Mål Første Aftale # Indhold Anden", 3),
              _line("Side 1 af 2")),
        _signature_page(2, 2),
    ]  # fmt: skip
    assert compare(shown, inside).parts == ("item-1.goal",)


def test_the_footer_counts_the_pages() -> None:
    pages = [_body("Udviklingsaftale for 2016 Mål Der foreligger en recovery-orienteret strategi",
                   "Handicapchefen og udsatte-, handicap- og misbrugsområdet"),
             _signature_page(2, 3)]  # fmt: skip
    found = compare(SHOWN, pages)
    assert found.pages == (2,)
    assert not found.same


def test_a_header_of_its_own_is_not_a_header() -> None:
    pages = [
        _page(_line("Punkt 1 gælder ikke"), _line("Udviklingsaftale for 2016 Mål Der foreligger"),
              _line("en recovery-orienteret strategi Handicapchefen og udsatte-, handicap- og"),
              _line("misbrugsområdet"), _line("Side 1 af 2")),
        _signature_page(2, 2),
    ]  # fmt: skip
    found = compare(SHOWN, pages)
    assert found.parts == ("agreement.title",)


def test_the_fingerprint_must_be_the_agreements() -> None:
    pages = [
        _body("Udviklingsaftale for 2016 Mål Der foreligger en recovery-orienteret strategi",
              "Handicapchefen og udsatte-, handicap- og misbrugsområdet"),
        _page(_line("Tekstens fingeraftryk: d445 252f 1c4f 9d99"), _line(" ".join(ENDING)),
              _line("Side 2 af 2")),
    ]  # fmt: skip
    found = compare(SHOWN, pages)
    assert found.printed_fingerprint == "d445 252f 1c4f 9d99"
    assert found.parts == () and not found.same
    pages[1] = _page(_line(" ".join(ENDING)), _line("Side 2 af 2"))
    assert compare(SHOWN, pages).printed_fingerprint is None


def test_the_signature_block_is_one_of_the_agreements_signatures_so_far() -> None:
    text = ("Udviklingsaftale for 2016 Mål Der foreligger en recovery-orienteret strategi",
            "Handicapchefen og udsatte-, handicap- og misbrugsområdet")  # fmt: skip
    signed = _signature_page(2, 2, (*ENDING[:1], "Underskrevet", "af:", "Anne"))
    assert compare(SHOWN, [_body(*text), signed]).same
    added = _signature_page(2, 2, (*ENDING, "Punkt", "2", "udgår"))
    assert compare(SHOWN, [_body(*text), added]).parts == (SIGNATURES,)


def test_ligatures_and_soft_hyphens_are_the_letters_they_stand_for() -> None:
    shown = _shown(("ﬁnansiering af­deling", "item-1.resources", False))
    pages = [_page(_line("finansiering afdeling"), _line("Side 1 af 2")), _signature_page(2, 2)]
    assert compare(shown, pages).same


def test_a_bullet_typed_in_the_text_is_a_bullet_on_the_page() -> None:
    shown = _shown(("Punkter: • første • anden", "item-1.activity", False))
    pages = [_page(_line("Punkter: første anden"), _line("Side 1 af 2")), _signature_page(2, 2)]
    assert compare(shown, pages).same
