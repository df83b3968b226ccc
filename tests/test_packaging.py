"""The wheel carries its schemas (and templates) and works outside the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        check=True,
        timeout=600,
    )
    (found,) = out.glob("devagree-*.whl")
    return found


def test_wheel_holds_schemas_and_templates(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for schema in (REPO / "schemas").glob("*.json"):
        assert f"devagree/_data/schemas/{schema.name}" in names
    for template in (REPO / "templates").glob("*.docx"):
        assert f"devagree/_data/templates/{template.name}" in names
    site = REPO / "devagree" / "render" / "site_templates"
    shipped = sorted(site.iterdir())
    assert any(p.suffix == ".css" for p in shipped) and any(p.suffix == ".j2" for p in shipped)
    for part in shipped:
        assert f"devagree/render/site_templates/{part.name}" in names
    # The Danish catalogue is compiled by the build; its source stays out of the wheel.
    assert "devagree/i18n/locale/da/LC_MESSAGES/devagree.mo" in names
    assert not [name for name in names if name.endswith((".po", ".pot"))]
    # So is each schema's validator, named by the schema it was made from.
    import hashlib

    with zipfile.ZipFile(wheel) as package:
        for schema in (REPO / "schemas").glob("*.schema.json"):
            kind = schema.name.removesuffix(".schema.json")
            code = package.read(f"devagree/_validators/{kind}.py").decode("utf-8")
            assert f"SCHEMA = '{hashlib.sha256(schema.read_bytes()).hexdigest()}'" in code


@pytest.mark.slow
def test_installed_wheel_checks_outside_the_repository(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [str(bindir / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        timeout=900,
    )
    workbook = tmp_path / "elsewhere"
    shutil.copytree(REPO / "agreements", workbook / "agreements")
    broken = (workbook / "agreements" / "slagelse-chp-2016.yaml").read_text(encoding="utf-8")
    (workbook / "agreements" / "broken.yaml").write_text(
        broken.replace("id: slagelse-chp-2016", "id: broken-copy").replace(
            "    deadline: Juni 2016\n", "    deadlnie: Juni 2016\n"
        ),
        encoding="utf-8",
    )
    devagree = bindir / "devagree"
    danish = {k: v for k, v in os.environ.items() if k != "DEVAGREE_LANG"}
    result = subprocess.run(
        [str(devagree), "check", "--as-of", "2016-03-01"],
        cwd=workbook,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**danish, "NO_COLOR": "1"},
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    # A folder of agreements is a Danish workbook: the wheel's catalogue speaks.
    assert "agreements/broken.yaml:79:5: DA102 fejl ukendt felt `deadlnie`" in result.stdout
    assert "agreements/broken.yaml:67:5: DA101 fejl punkt 2 mangler `deadline`" in result.stdout
    assert "Traceback" not in result.stderr
    clean = subprocess.run(
        [str(devagree), "check", "--as-of", "2016-03-01", "agreements/slagelse-chp-2016.yaml"],
        cwd=workbook,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**danish, "DEVAGREE_LANG": "en"},
        timeout=120,
    )
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "no problems" in clean.stdout
    site = subprocess.run(
        [str(devagree), "site", "-o", "web", "--as-of", "2016-03-01"],
        cwd=workbook,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert site.returncode == 1, site.stdout + site.stderr  # broken.yaml is left out
    assert (workbook / "web" / "agreements" / "slagelse-chp-2016.html").is_file()
