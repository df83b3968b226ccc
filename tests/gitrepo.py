"""Real git repositories for the tests, with a configuration of their own.

Every git command runs with a home folder, global config and identity of the test's own,
so neither the machine's git settings nor a merge driver registered there take part.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import run


def git_environment(home: Path) -> dict[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    (home / "gitconfig").touch()
    return {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "GIT_CONFIG_GLOBAL": str(home / "gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_TERMINAL_PROMPT": "0",
        "DEVAGREE_LANG": "en",
    }


class Repo:
    """A folder with git and devagree commands run in it as a user would."""

    def __init__(self, folder: Path, home: Path) -> None:
        self.folder = folder
        self.env = git_environment(home)

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            ["git", *args],
            cwd=self.folder,
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)}: {done.stdout}{done.stderr}")
        return done

    def devagree(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run(*args, cwd=self.folder, env=self.env)

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)

    def read(self, name: str) -> str:
        return (self.folder / name).read_text(encoding="utf-8")

    def write(self, name: str, text: str) -> None:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
