"""The ``__getattr__`` of the permissive shims (testCases, public_tests, test_utils, dlai_tools).

Any name can be imported from such a module (PEP 562 module ``__getattr__``), so an
import cell such as ``from public_tests import ...`` does not break grading; calling the
name raises ``RuntimeError``.  ``from module import *`` imports nothing, and dunder names
raise ``AttributeError`` so that introspection and star-imports behave normally.
"""

import importlib


def module_getattr(module, submodules=()):
    """A PEP 562 ``__getattr__`` for ``module``: ``submodules`` import for real."""

    def __getattr__(name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        if name in submodules:
            return importlib.import_module(f"{module}.{name}")

        def course_test_helper(*args, **kwargs):
            raise RuntimeError(f"{module}.{name} is a course test helper and is not available in the grader")

        course_test_helper.__name__ = course_test_helper.__qualname__ = name
        return course_test_helper

    return __getattr__
