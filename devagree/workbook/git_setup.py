"""The workbook as a git repository: is the merge driver its `.gitattributes` names there?

`devagree init` writes `.gitattributes` (which travels with every clone) and registers the
driver in the repository's own config (which git never copies). A clone that did not run
`devagree init` would merge agreement files line by line without a word, so `check` warns
(DA302). git itself answers whether a driver is registered (the repository's, the user's
and the system's config, as git reads them); it is asked only when a `.gitattributes`
names the driver, so a workbook without one pays for nothing but a look at the folders.
"""

from __future__ import annotations

from devagree import git
from devagree.core.paths import display_path
from devagree.core.problems import Problem, Severity
from devagree.core.settings import Settings
from devagree.i18n import _

CODE = "DA302"


def merge_driver_problems(settings: Settings) -> list[Problem]:
    """DA302 at the `.gitattributes` line that names the driver, when git has none."""
    if CODE in settings.severities and settings.severities[CODE] is None:
        return []  # switched off: git is not asked
    top = git.repository_top(settings.root)
    if top is None:
        return []
    for path in git.attribute_files(settings.root, top):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        place = next(git.attribute_lines(text), None)
        if place is not None:
            break
    else:
        return []
    try:
        if git.driver_registered(settings.root):
            return []
    except (git.GitMissing, git.GitFailed):
        return []  # without git here, nobody merges here
    line, column = place
    message = _(
        "this line sends agreement files to devagree's merge driver, but this clone's git "
        "configuration does not register it, so git would merge them line by line; run "
        "devagree init in the workbook folder to register it"
    )
    return [Problem(display_path(path), line, column, CODE, Severity.WARNING, message)]
