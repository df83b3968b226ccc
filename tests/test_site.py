"""`devagree site`: every document on a page, links that resolve, nothing fetched from afar,
valid HTML, the same bytes twice; and the charts in the Word and Markdown reports."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import html5lib
import pytest
from conftest import REPO, assert_no_traceback, run
from site_pages import page_text, read_page, read_site, resolve

from devagree.core.model import ROWS
from devagree.workbook.pipeline import check_workbook

AS_OF = "2016-09-01"


def build(workbook: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    result = run("site", "-o", out, "--as-of", AS_OF, *extra, cwd=workbook)
    assert_no_traceback(result)
    return result


@pytest.fixture
def built(repo_workbook: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    result = build(repo_workbook, out)
    assert result.returncode == 0, result.stderr
    return out


def test_every_agreement_item_label_and_strategy_is_on_a_page(
    built: Path, repo_workbook: Path
) -> None:
    from datetime import date

    workbook = check_workbook([], date(2016, 9, 1), start=repo_workbook)
    assert workbook.agreements and workbook.strategies
    index = page_text(read_page(built / "index.html"))
    for agreement in workbook.agreements:
        page = built / "agreements" / f"{agreement.id}.html"
        text = page_text(read_page(page))
        assert agreement.title in index
        assert agreement.organisation in text
        for item in agreement.items:
            assert f"{item.number}. {item.title}" in text
            assert item.title in index
        for row in ROWS:  # the workbook is Danish: the seed's labels
            assert text.count(row.da) >= len(agreement.items), row.da
    for strategy in workbook.strategies:
        text = page_text(read_page(built / "strategies" / f"{strategy.id}.html"))
        assert strategy.title in index
        for track, raw in zip(strategy.tracks, strategy.data["tracks"], strict=True):
            assert track.title in text
            for key in ("commitments", "principles", "initiatives_done"):
                for entry in raw.get(key, ()):  # the track's lists, in full
                    words = " ".join(entry.replace("*", "").split()[:5])
                    assert words in text, (strategy.id, track.id, key, words)


def test_deadline_shows_its_resolved_date_and_links_go_to_the_tracks(built: Path) -> None:
    page = read_page(built / "agreements" / "slagelse-chp-2016.html")
    text = page_text(page)
    assert "Juni 2016 (30. juni 2016)" in text or "juni 2016 (30. juni 2016)" in text
    tracks = [link for link in page.links if link.startswith("../strategies/")]
    assert tracks, page.links
    assert all("#track-" in link for link in tracks)


def test_links_resolve_and_every_page_is_reachable_from_the_index(built: Path) -> None:
    pages = read_site(built)
    for page in pages.values():
        for link in page.links + page.loads:
            target = resolve(page, link, built)
            if target is None:
                continue
            path, fragment = target
            assert path.is_file(), f"{page.path.name}: {link} names no file"
            if fragment:
                assert fragment in pages[path].ids, f"{page.path.name}: {link} names no id"
    seen = {(built / "index.html").resolve()}
    todo = list(seen)
    while todo:
        page = pages[todo.pop()]
        for link in page.links:
            target = resolve(page, link, built)
            if target and target[0].suffix == ".html" and target[0] not in seen:
                seen.add(target[0])
                todo.append(target[0])
    assert seen == set(pages)
    assert len(pages) == 1 + 1 + 4  # index, the seed, four strategies


def test_nothing_is_fetched_from_another_host(built: Path) -> None:
    for page in read_site(built).values():
        assert page.loads, page.path
        for url in page.loads:
            assert "//" not in url and ":" not in url, f"{page.path.name} fetches {url}"
    css = (built / "assets" / "site.css").read_text(encoding="utf-8")
    assert "@import" not in css and "url(" not in css


def test_pages_are_valid_html5_with_headings_in_order_and_a_language(built: Path) -> None:
    for path, page in read_site(built).items():
        data = path.read_bytes()
        assert data.startswith(b"<!DOCTYPE html>\n")
        html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(data)
        assert page.lang == "da"
        assert page.headings[0] == 1 and page.headings.count(1) == 1, path.name
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, f"{path.name}: h{before} then h{after}"


def test_invalid_html_is_caught_by_the_strict_parser() -> None:
    with pytest.raises(html5lib.html5parser.ParseError):
        html5lib.HTMLParser(strict=True).parse(b"<!DOCTYPE html><p><div></span>")


def test_charts_are_inline_svg_with_a_title_a_description_and_a_table(built: Path) -> None:
    text = (built / "index.html").read_text(encoding="utf-8")
    assert text.count("<svg ") == 2
    assert '<title id="states-title">' in text and '<desc id="states-desc">' in text
    assert '<title id="deadlines-title">' in text and '<desc id="deadlines-desc">' in text
    # the seed as of 1 September 2016: items 1 and 2 overdue (red), 3 and 4 not yet due
    assert "ikke påbegyndt: 4 " in text
    assert "(Rød 2, Grå 2)</desc>" in text
    # the as-of line
    assert 'stroke-dasharray="5 3"' in text


def test_two_builds_are_byte_identical_and_a_rebuild_changes_nothing(
    repo_workbook: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    build(repo_workbook, first)
    build(repo_workbook, second)
    names = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    stamps = {name: (first / name).stat().st_mtime_ns for name in names}
    again = build(repo_workbook, first)
    assert again.returncode == 0
    assert stamps == {name: (first / name).stat().st_mtime_ns for name in names}


def test_a_later_day_changes_the_lights(repo_workbook: Path, tmp_path: Path) -> None:
    early, late = tmp_path / "early", tmp_path / "late"
    run("site", "-o", early, "--as-of", "2016-03-01", cwd=repo_workbook)
    build(repo_workbook, late)
    assert "(Grå 4)</desc>" in (early / "index.html").read_text("utf-8")
    assert (early / "index.html").read_bytes() != (late / "index.html").read_bytes()


def test_rebuild_removes_the_page_of_a_deleted_agreement(
    repo_workbook: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    second = repo_workbook / "agreements" / "second.yaml"
    seed = (repo_workbook / "agreements" / "slagelse-chp-2016.yaml").read_text("utf-8")
    second.write_text(seed.replace("id: slagelse-chp-2016", "id: second-2016"), "utf-8")
    build(repo_workbook, out)
    assert (out / "agreements" / "second-2016.html").is_file()
    second.unlink()
    result = build(repo_workbook, out)
    assert result.returncode == 0, result.stderr
    assert not (out / "agreements" / "second-2016.html").exists()
    assert (out / "agreements" / "slagelse-chp-2016.html").is_file()


def test_a_folder_of_other_files_is_refused_and_left_alone(
    repo_workbook: Path, tmp_path: Path
) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    result = build(repo_workbook, out)
    assert result.returncode == 2
    assert "mine" in result.stderr
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_without_an_output_folder_the_site_is_site(repo_workbook: Path) -> None:
    result = run("site", "--as-of", AS_OF, cwd=repo_workbook)
    assert result.returncode == 0, result.stderr
    assert (repo_workbook / "site" / "index.html").is_file()
    assert "wrote site:" in result.stdout


def test_an_english_workbook_gives_an_english_site(tmp_path: Path) -> None:
    workbook = tmp_path / "english"
    shutil.copytree(REPO / "examples" / "english", workbook)
    out = tmp_path / "site"
    result = build(workbook, out)
    assert result.returncode == 0, result.stderr
    page = read_page(next((out / "agreements").glob("*.html")))
    assert page.lang == "en"
    text = page_text(page)
    for row in ROWS:
        assert row.en in text
    assert "Traffic lights: green = done" in page_text(read_page(out / "index.html"))


def test_help_imports_neither_jinja_nor_matplotlib() -> None:
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['devagree', '--help']\n"
        "try:\n"
        "    runpy.run_module('devagree', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('HEAVY', [m for m in ('jinja2', 'matplotlib') if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr
    assert "site" in result.stdout


# --- the report's pictures ---------------------------------------------------------------


def test_markdown_report_writes_and_links_the_svg_charts(
    repo_workbook: Path, tmp_path: Path
) -> None:
    out = tmp_path / "opfølgning.md"
    result = run("report", "-o", out, "--as-of", AS_OF, cwd=repo_workbook)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    for name in ("opfølgning-states.svg", "opfølgning-deadlines.svg"):
        picture = tmp_path / name
        root = ElementTree.fromstring(picture.read_bytes())
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.find("{http://www.w3.org/2000/svg}title") is not None
        assert root.find("{http://www.w3.org/2000/svg}desc") is not None
        from urllib.parse import quote

        assert f"]({quote(name)})" in text


def test_word_report_holds_both_charts_as_png_with_alt_text_and_is_deterministic(
    repo_workbook: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    for out in (first, second):
        result = run("report", "-o", out, "--as-of", AS_OF, cwd=repo_workbook)
        assert result.returncode == 0, result.stderr
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as docx:
        media = sorted(n for n in docx.namelist() if n.startswith("word/media/"))
        assert len(media) == 2
        for name in media:
            assert docx.read(name).startswith(b"\x89PNG\r\n\x1a\n")
        body = docx.read("word/document.xml").decode("utf-8")
    import re

    described = re.findall(r'<wp:docPr [^>]*descr="([^"]+)"', body)
    assert len(described) == 2 and all(len(text) > 10 for text in described), described


def test_word_report_opens_in_libreoffice_with_its_pictures(
    repo_workbook: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.docx"
    run("report", "-o", out, "--as-of", AS_OF, cwd=repo_workbook)
    profile = f"file://{tmp_path}/lo-profile"
    converted = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    pdf = tmp_path / "report.pdf"
    assert pdf.is_file(), converted.stderr
    images = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    )
    assert len(images.stdout.strip().splitlines()) >= 2 + 2  # header lines, two pictures
