import importlib
from collections.abc import Callable
from types import ModuleType

import pytest

pytest_plugins = ["pytester"]


@pytest.fixture(scope="session")
def check_module(pytestconfig) -> Callable[[str], ModuleType]:
    """``check_module("c3")`` is ``grader.checks.c3``, imported once the grading markers are
    registered: a check module's markers are unknown to this session (--strict-markers)."""
    from grader.judge.plugin import MARKERS

    for marker, meaning in MARKERS.items():
        pytestconfig.addinivalue_line("markers", f"{marker}: {meaning}")
    return lambda name: importlib.import_module(f"grader.checks.{name}")
