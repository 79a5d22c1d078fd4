"""Stand-in for the course test module ``public_tests``.

Week 2 notebooks since 2021 import it with ``from public_tests import *`` and call
``update_parameters_with_gd_test(update_parameters_with_gd)`` and the like after each
graded cell.  The grader runs its own checks instead.

Any name can be imported; calling it raises ``RuntimeError`` (see ``_missing_helpers``).
"""

import _missing_helpers as _helpers

__getattr__ = _helpers.module_getattr(__name__)
