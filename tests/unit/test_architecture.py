"""The shape of the package: only settings.py reads the environment, and the command line
starts without loading the pipeline (the import floors are checked by `make lint`, with
import-linter's contracts in pyproject.toml)."""

from __future__ import annotations

import ast
import subprocess
import sys

from helpers.corpus import ROOT

PACKAGE = ROOT / "src" / "newscomment"


def reads_environment(tree: ast.AST) -> list[int]:
    """Lines that read a variable of the environment (``os.environ[...]``, ``.get``,
    ``os.getenv``, ``in os.environ``)."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in {"getenv", "environ"}:
            parent = getattr(node, "parent", None)
            writes = isinstance(parent, ast.Attribute) and parent.attr in {"update", "setdefault"}
            if not writes:
                lines.append(node.lineno)
    return lines


def test_only_the_settings_module_reads_the_environment() -> None:
    readers = {}
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                child.parent = node  # type: ignore[attr-defined]
        if lines := reads_environment(tree):
            readers[str(path.relative_to(PACKAGE))] = lines
    assert set(readers) == {"settings.py"}, readers


def test_the_command_line_starts_without_the_pipeline() -> None:
    code = (
        "import sys\nfrom newscomment.cli import main\ntry:\n    main(['--version'])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted({'spacy', 'sklearn', 'trafilatura', 'fastapi', 'duckdb'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().endswith("[]"), result.stdout + result.stderr
