"""Lint and types are part of the test suite: ruff (lint and format) and mypy, clean.

The tools come from the `dev` extra (``pip install -e '.[dev]'``, as ``.ci/run`` does) and
run as ``python -m ruff`` / ``python -m mypy`` of this interpreter, with the configuration
in pyproject.toml. A missing tool is a failure that says how to install it, never a skip.
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

COMMANDS = {
    "ruff check": ("ruff", ["check", "."]),
    "ruff format": ("ruff", ["format", "--check", "."]),
    "mypy": ("mypy", ["grader", "reference"]),
}


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


@pytest.mark.parametrize("label", list(COMMANDS))
def test_is_clean(label: str) -> None:
    module, args = COMMANDS[label]
    if not installed(module):
        pytest.fail(f"{module} is not installed: run `pip install -e '.[dev]'`", pytrace=False)
    run = subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, f"`{module} {' '.join(args)}` found problems:\n{run.stdout}{run.stderr}"
