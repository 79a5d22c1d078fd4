"""Stand-in for the course test module ``public_tests``.

Week 2 notebooks since 2021 import it with ``from public_tests import *`` and call
``update_parameters_with_gd_test(update_parameters_with_gd)`` and the like after each
graded cell.  The grader runs its own checks instead.

Any name can be imported from it (PEP 562 module ``__getattr__``), so an import cell such
as ``from public_tests import ...`` does not break grading; calling the name raises
``RuntimeError``.  ``from public_tests import *`` imports nothing.  Dunder names raise
``AttributeError`` so that introspection and star-imports behave normally.
"""


def __getattr__(name):
    if name.startswith("__") and name.endswith("__"):
        raise AttributeError(name)

    def course_test_helper(*args, **kwargs):
        raise RuntimeError(f"{__name__}.{name} is a course test helper "
                           "and is not available in the grader")

    course_test_helper.__name__ = course_test_helper.__qualname__ = name
    return course_test_helper
