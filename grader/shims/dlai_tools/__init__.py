"""Stand-in for the course package ``dlai_tools`` (only ``testing_utils`` is used in the DLS).

Any attribute can be read from it (PEP 562); calling one raises ``RuntimeError``.  The
submodule ``testing_utils`` is returned as a module, so that
``from dlai_tools import testing_utils`` works as well as
``from dlai_tools.testing_utils import multiple_test``.
"""

import importlib

SUBMODULES = ("testing_utils",)


def __getattr__(name):
    if name.startswith("__") and name.endswith("__"):
        raise AttributeError(name)
    if name in SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")

    def course_test_helper(*args, **kwargs):
        raise RuntimeError(f"{__name__}.{name} is a course test helper "
                           "and is not available in the grader")

    course_test_helper.__name__ = course_test_helper.__qualname__ = name
    return course_test_helper
