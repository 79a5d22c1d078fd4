"""Stand-in for the course test module ``testCases``.

Week 2 (2017 and 2021+) imports it with ``from testCases import *`` for the fixed inputs
(``update_parameters_with_gd_test_case``, ``random_mini_batches_test_case``,
``initialize_velocity_test_case``, ``update_parameters_with_momentum_test_case``,
``initialize_adam_test_case``, ``update_parameters_with_adam_test_case``).  The grader
builds the same inputs itself in ``grader/coursera/week2_cases.py``.

Any name can be imported from it (PEP 562 module ``__getattr__``), so an import cell such
as ``from testCases import ...`` does not break grading; calling the name raises
``RuntimeError``.  ``from testCases import *`` imports nothing.  Dunder names raise
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
