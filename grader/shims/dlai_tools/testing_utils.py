"""Stand-in for the course test module ``dlai_tools.testing_utils``.

Later 2021+ ``public_tests.py`` files do
``from dlai_tools.testing_utils import single_test, multiple_test``.

Any name can be imported from it (PEP 562 module ``__getattr__``), so an import cell such
as ``from dlai_tools.testing_utils import ...`` does not break grading; calling the name raises
``RuntimeError``.  ``from dlai_tools.testing_utils import *`` imports nothing.  Dunder names raise
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
