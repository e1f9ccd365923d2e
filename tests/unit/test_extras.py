"""extras.py and the packaging: the library installs without the server, corpus, Dask and
LLM packages, and a feature whose extra is missing says in one line what to install."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from helpers.corpus import ROOT

from newscomment import MissingExtraError
from newscomment.extras import EXTRAS, require

OPTIONAL = (
    "fastapi", "uvicorn", "duckdb", "pyarrow", "dask", "distributed", "matplotlib", "openai"
)  # fmt: skip
BLOCKER = """
import sys
class Missing:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {blocked!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}")
sys.meta_path.insert(0, Missing())
from newscomment.cli import main
sys.exit(main({argv!r}))
"""


def project() -> dict:
    """The project table of pyproject.toml."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_library_depends_on_none_of_the_optional_packages() -> None:
    required = " ".join(project()["dependencies"]).lower()
    assert not [name for name in OPTIONAL if name in required]


def test_every_extra_of_the_package_is_in_the_table() -> None:
    declared = set(project()["optional-dependencies"]) - {"test"}
    assert declared == set(EXTRAS)


def test_an_installed_extra_passes() -> None:
    for extra in set(EXTRAS) - {"train"}:  # torch stays out of the product's environment
        require(extra, f"the {extra} feature")


def run_without(blocked: set[str], *argv: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """The command line in a Python where ``blocked`` packages cannot be imported."""
    code = BLOCKER.format(blocked=sorted(blocked), argv=list(argv))
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )


@pytest.mark.parametrize(
    ("blocked", "argv", "extra"),
    [
        ({"fastapi"}, ["serve"], "server"),
        ({"duckdb"}, ["batch", "corpus.jsonl", "--out", "r.duckdb"], "batch"),
        ({"duckdb"}, ["report", "r.duckdb"], "batch"),
        ({"distributed"}, ["batch", "c.jsonl", "--out", "r.duckdb", "--engine", "dask"], "dask"),
        (
            {"openai"},
            ["--backend", "llm", "--llm-url", "http://x/v1", "--llm-model", "m", "a.txt"],
            "llm",
        ),
    ],
)
def test_a_missing_extra_is_one_line_saying_what_to_install(
    blocked: set[str], argv: list[str], extra: str, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("Officials said on Monday that the talks would go on. " * 9)

    result = run_without(blocked, *argv, tmp_path=tmp_path)

    assert result.returncode == MissingExtraError.exit_code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert f"pip install 'newscomment[{extra}]'" in lines[0]


def test_fine_tuning_without_torch_says_where_to_install_it(tmp_path: Path) -> None:
    result = run_without({"torch"}, "train", "subjectivity", "--finetune", tmp_path=tmp_path)
    assert result.returncode == MissingExtraError.exit_code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "pip install 'newscomment[train]' in an environment of its own" in lines[0]
    assert "make train-env" in lines[0]
