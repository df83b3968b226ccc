"""The merge driver in real git repositories: set up by `devagree init`, run by `git merge`."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assert_no_traceback
from gitrepo import Repo
from merging import SEED, history, parties

NAME = "agreements/slagelse-chp-2016.yaml"


@pytest.fixture
def origin(tmp_path: Path) -> Repo:
    """The committee secretary's repository: a workbook made by `devagree init`, with the
    seed agreement committed on main."""
    repo = Repo(tmp_path / "origin", tmp_path / "home")
    repo.folder.mkdir()
    repo.git("init", "-q", "-b", "main")
    made = repo.devagree("init", "--municipality", "Slagelse Kommune")
    assert made.returncode == 0, made.stderr
    assert "created  .gitattributes" in made.stdout
    assert "registered devagree's merge driver" in made.stdout
    repo.write(NAME, SEED)
    repo.commit("Udviklingsaftale 2016")
    return repo


@pytest.fixture
def clone(origin: Repo, tmp_path: Path) -> Repo:
    """A centre chief's fresh clone, set up by running `devagree init` in it."""
    repo = Repo(tmp_path / "clone", tmp_path / "home")
    origin.git("clone", "-q", str(origin.folder), str(repo.folder))
    warned = repo.devagree("check", "--as-of", "2016-03-05")
    assert warned.returncode == 0, warned.stdout + warned.stderr
    assert ".gitattributes:3:22: DA302 warning" in warned.stdout
    again = repo.devagree("init")
    assert again.returncode == 0, again.stderr
    assert "kept     .gitattributes" in again.stdout
    assert "registered devagree's merge driver" in again.stdout
    assert "created" not in again.stdout
    assert "DA302" not in repo.devagree("check", "--as-of", "2016-03-05").stdout
    return repo


def _status(repo: Repo, item: str, state: str, day: str, note: str) -> None:
    done = repo.devagree("status", NAME, item, "--state", state, "--note", note, "--as-of", day)
    assert done.returncode == 0, done.stderr


def _sign(repo: Repo, party: str, name: str, day: str) -> None:
    done = repo.devagree("sign", NAME, "--party", party, "--name", name, "--date", day)
    assert done.returncode == 0, done.stderr


def _branch_a(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "a", "main")
    _status(repo, "2", "in_progress", "2016-04-01", "Mødestedet er fundet")
    _status(repo, "2", "done", "2016-06-01", "Åbnet")
    _sign(repo, "committee", "Anne Jensen", "2016-03-01")
    repo.commit("Opfølgning og udvalgets underskrift")


def _branch_b(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "b", "main")
    _status(repo, "2", "in_progress", "2016-05-01", "Aftale med Campus")
    _status(repo, "1", "done", "2016-05-02", "Strategien er vedtaget")
    _sign(repo, "chief", "Bo Hansen", "2016-03-02")
    repo.commit("Opfølgning og chefens underskrift")


def test_follow_up_and_signatures_from_two_branches_merge_without_a_conflict(clone: Repo) -> None:
    _branch_a(clone)
    _branch_b(clone)
    merged = clone.git("merge", "-q", "--no-edit", "a", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "CONFLICT" not in merged.stdout + merged.stderr
    assert clone.git("status", "--porcelain").stdout == ""
    text = clone.read(NAME)
    assert "<<<<<<<" not in text
    assert history(text, 2) == [
        ("in_progress", "2016-04-01", "Mødestedet er fundet"),
        ("in_progress", "2016-05-01", "Aftale med Campus"),
        ("done", "2016-06-01", "Åbnet"),
    ]
    assert history(text, 1) == [("done", "2016-05-02", "Strategien er vedtaget")]
    assert sorted(parties(text)) == ["chief", "committee"]
    verified = clone.devagree("verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "2 signatures verified, 0 broken." in verified.stdout
    checked = clone.devagree("check", "--as-of", "2016-03-05")
    assert checked.returncode == 0 and "no problems" in checked.stdout, checked.stdout


def test_a_rebase_unites_them_too(clone: Repo) -> None:
    _branch_a(clone)
    _branch_b(clone)
    rebased = clone.git("rebase", "a", check=False)
    assert rebased.returncode == 0, rebased.stdout + rebased.stderr
    text = clone.read(NAME)
    assert [d for _s, d, _n in history(text, 2)] == ["2016-04-01", "2016-05-01", "2016-06-01"]
    assert sorted(parties(text)) == ["chief", "committee"]
    assert clone.devagree("verify").returncode == 0


def test_without_the_driver_git_stops_with_markers_in_the_follow_up(
    origin: Repo, tmp_path: Path
) -> None:
    """What the issue saw: a clone that did not run `devagree init`."""
    plain = Repo(tmp_path / "plain", tmp_path / "home")
    origin.git("clone", "-q", str(origin.folder), str(plain.folder))
    _branch_a(plain)
    _branch_b(plain)
    merged = plain.git("merge", "--no-edit", "a", check=False)
    assert merged.returncode != 0
    assert "<<<<<<<" in plain.read(NAME)


def test_both_changing_a_goal_stops_with_gits_markers(clone: Repo) -> None:
    old = "Målet for 2016 er en samlet strategi"
    clone.git("checkout", "-q", "-b", "a", "main")
    clone.write(NAME, clone.read(NAME).replace(old, "Målet for 2016 er en fælles strategi"))
    clone.commit("Mål ændret")
    clone.git("checkout", "-q", "-b", "b", "main")
    clone.write(NAME, clone.read(NAME).replace(old, "Målet for 2016 er en ny strategi"))
    _status(clone, "2", "in_progress", "2016-05-01", "B")
    clone.commit("Mål ændret anderledes")
    merged = clone.git("merge", "--no-edit", "a", check=False)
    said = merged.stdout + merged.stderr
    assert merged.returncode == 1, said
    assert f"CONFLICT (content): Merge conflict in {NAME}" in said
    assert "both sides changed `goal` in item 1, in different ways" in said
    assert "Traceback" not in said
    text = clone.read(NAME)
    # exactly what git's own line merge of the three versions gives
    for stage, name in ((1, "base"), (2, "ours"), (3, "theirs")):
        clone.write(f"../{name}.yaml", clone.git("show", f":{stage}:{NAME}").stdout)
    expected = clone.git(
        "merge-file", "-p", "-L", "HEAD", "-L", "base", "-L", "theirs",
        "../ours.yaml", "../base.yaml", "../theirs.yaml", check=False,
    )  # fmt: skip
    assert expected.returncode == 1
    assert text == expected.stdout
    assert "<<<<<<< HEAD\n" in text and ">>>>>>> theirs\n" in text
    assert clone.git("status", "--porcelain").stdout.startswith(f"UU {NAME}")


def test_a_file_deleted_on_one_side_is_left_to_git(clone: Repo) -> None:
    clone.git("checkout", "-q", "-b", "a", "main")
    clone.git("rm", "-q", NAME)
    clone.commit("Aftalen slettet")
    clone.git("checkout", "-q", "-b", "b", "main")
    _status(clone, "2", "done", "2016-06-01", "B")
    clone.commit("Opfølgning")
    merged = clone.git("merge", "--no-edit", "a", check=False)
    said = merged.stdout + merged.stderr
    assert merged.returncode == 1
    assert "CONFLICT (modify/delete)" in said
    assert "Traceback" not in said
    assert history(clone.read(NAME), 2) == [("done", "2016-06-01", "B")]


def test_the_driver_as_a_command(tmp_path: Path, clone: Repo) -> None:
    """`devagree merge-file` run by hand, with a file that is not YAML."""
    (tmp_path / "base.yaml").write_text(SEED, encoding="utf-8")
    (tmp_path / "ours.yaml").write_text("kind: [agreement\n", encoding="utf-8")
    (tmp_path / "theirs.yaml").write_text(SEED + "# more\n", encoding="utf-8")
    done = clone.devagree(
        "merge-file", str(tmp_path / "base.yaml"), str(tmp_path / "ours.yaml"),
        str(tmp_path / "theirs.yaml"), "agreements/x.yaml",
    )  # fmt: skip
    assert_no_traceback(done)
    assert done.returncode == 1
    assert "agreements/x.yaml: our version cannot be read as an agreement" in done.stderr
    assert "<<<<<<< HEAD" in (tmp_path / "ours.yaml").read_text(encoding="utf-8")
    missing = clone.devagree("merge-file", "nope", "nope", "nope")
    assert missing.returncode == 2 and "nope" in missing.stderr
    assert_no_traceback(missing)


def test_check_warns_only_where_git_would_merge_line_by_line(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "wb", tmp_path / "home")
    repo.folder.mkdir()
    repo.write("devagree.yaml", "kind: workbook\nversion: 1\n")
    repo.write(NAME, SEED)
    repo.write(".gitattributes", "*.docx binary\nagreements/**/*.yaml  merge=devagree\n")

    def warned() -> list[str]:
        done = repo.devagree("check", "--as-of", "2016-03-05")
        assert done.returncode == 0, done.stdout + done.stderr
        return [line for line in done.stdout.splitlines() if "DA302" in line]

    assert warned() == []  # not a git repository: nothing is merged here
    repo.git("init", "-q", "-b", "main")
    [line] = warned()
    assert line.startswith(".gitattributes:2:23: DA302 warning this line sends agreement files")
    repo.write(".gitattributes", "# agreements/**/*.yaml merge=devagree\n*.yaml text\n")
    assert warned() == []  # a comment names nothing
    repo.write(".gitattributes", "agreements/**/*.yaml merge=devagree\n")
    repo.write("devagree.yaml", "kind: workbook\nversion: 1\nrules:\n  DA302: off\n")
    assert warned() == []
    repo.write("devagree.yaml", "kind: workbook\nversion: 1\n")
    assert len(warned()) == 1
    repo.git("config", "--global", "merge.devagree.driver", "devagree merge-file %O %A %B %P")
    assert warned() == []  # registered for the user: git runs it here too


def test_init_adds_the_driver_lines_to_an_existing_gitattributes(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "wb", tmp_path / "home")
    repo.folder.mkdir()
    repo.git("init", "-q", "-b", "main")
    repo.write(".gitattributes", "*.docx binary")  # no final line break
    repo.write("devagree.yaml", "kind: workbook\nversion: 1\npaths: [aftaler, mine aftaler]\n")
    done = repo.devagree("init")
    assert done.returncode == 0, done.stderr
    assert "updated  .gitattributes (added the lines that send agreement files" in done.stdout
    lines = repo.read(".gitattributes").splitlines()
    assert lines[0] == "*.docx binary"
    assert "aftaler/**/*.yaml merge=devagree" in lines
    assert '"mine aftaler/**/*.yml" merge=devagree' in lines
    for name in ("aftaler/x.yaml", "mine aftaler/y.yml", "aftaler/sub/z.yaml"):
        said = repo.git("check-attr", "merge", "--", name).stdout
        assert said.strip().endswith("merge: devagree"), said
    settings_file = repo.git("check-attr", "merge", "--", "devagree.yaml").stdout
    assert settings_file.strip().endswith("unspecified")
    again = repo.devagree("init")
    assert "kept     .gitattributes" in again.stdout
    assert repo.read(".gitattributes").splitlines() == lines


def test_init_says_when_git_cannot_register_the_driver(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "wb", tmp_path / "home")
    repo.folder.mkdir()
    repo.git("init", "-q", "-b", "main")
    (repo.folder / ".git" / "config.lock").write_text("", encoding="utf-8")  # another git at work
    done = repo.devagree("init")
    assert_no_traceback(done)
    assert done.returncode == 2
    assert "created  .gitattributes" in done.stdout
    assert "cannot register devagree's merge driver in git's configuration" in done.stderr
    (repo.folder / ".git" / "config.lock").unlink()
    assert "registered devagree's merge driver" in repo.devagree("init").stdout
