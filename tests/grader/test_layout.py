"""The folders are the architecture: what each side may import, and how the instructor's
commands reach ``grade`` (an entry point, so a student release is the package without
``grader/instructor/``)."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from grader import cli
from grader.assignments import ROOT

PACKAGE = ROOT / "grader"
FOLDERS = ("boundary", "judge", "checks", "instructor")
#: What each folder must never import at run time (its ``__init__`` docstring says why).
FORBIDDEN = {
    "boundary": ("grader.judge", "grader.checks", "grader.instructor"),
    "judge": ("grader.checks", "grader.instructor"),
    "checks": ("grader.instructor",),
    "": ("grader.instructor",),  # the student path at the top
}


def runtime_imports(path: Path) -> list[str]:
    """Dotted names ``path`` imports, leaving out ``if TYPE_CHECKING:`` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and ast.unparse(block.test).endswith("TYPE_CHECKING")
        for statement in block.body
        for node in ast.walk(statement)
    }
    names = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return names


def side(path: Path) -> str:
    """The folder of ``grader`` a module is in ("" for the top)."""
    part = path.relative_to(PACKAGE).parts[0]
    return part if part in FOLDERS else ""


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "shims" not in p.parts)


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_module_imports_only_what_its_side_may(path):
    forbidden = FORBIDDEN.get(side(path), ())
    wrong = [name for name in runtime_imports(path) if name.startswith(forbidden)]
    assert not wrong, f"{path.relative_to(ROOT)} ({side(path) or 'top'}) imports {wrong}"


def test_the_import_rule_sees_a_forbidden_import_and_ignores_type_annotations(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        "from typing import TYPE_CHECKING\nimport grader.judge.compare\n"
        "if TYPE_CHECKING:\n    from grader.instructor.marks import Mark\n"
        "def f():\n    from grader.instructor import batch\n"
    )
    assert runtime_imports(module) == ["typing", "typing.TYPE_CHECKING", "grader.judge.compare",
                                       "grader.instructor", "grader.instructor.batch"]  # fmt: skip


@pytest.mark.parametrize("folder", FOLDERS)
def test_each_folder_says_what_lives_there_and_what_it_may_import(folder):
    doc = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text(encoding="utf-8")))
    assert doc and "import" in doc


def test_the_instructor_commands_are_a_plugin_declared_in_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["entry-points"][cli.PLUGIN_GROUP]
    assert declared == {"instructor": "grader.instructor.commands:PLUGIN"}
    assert {"batch", "validate", "release", "gradescope"} <= set(cli.plugin_commands())
    assert "batch" in cli.main.list_commands(None)  # type: ignore[arg-type]


def test_a_plugin_module_of_another_copy_of_the_package_is_not_this_copys():
    assert cli.in_this_copy("grader.instructor.commands")
    assert not cli.in_this_copy("grader.no_such_module")
    assert not cli.in_this_copy("json")  # found, but not in this package's folder


def test_every_package_of_the_grader_is_installed():
    """A wheel (Gradescope's install, a Dask worker's) holds the listed packages only: one left
    out would be missing there, an entry point into it skipped."""
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    packages = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in PACKAGE.rglob("__init__.py")
        if "shims" not in p.parts
    }
    assert packages <= listed, f"not in pyproject.toml's packages: {sorted(packages - listed)}"
