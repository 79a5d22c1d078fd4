"""Stand-in for the course test module ``testCases``.

Week 2 (2017 and 2021+) imports it with ``from testCases import *`` for the fixed inputs
(``update_parameters_with_gd_test_case``, ``random_mini_batches_test_case``,
``initialize_velocity_test_case``, ``update_parameters_with_momentum_test_case``,
``initialize_adam_test_case``, ``update_parameters_with_adam_test_case``).  The grader
builds the same inputs itself in ``grader/checks/coursera/week2_cases.py``.

Any name can be imported; calling it raises ``RuntimeError`` (see ``_missing_helpers``).
"""

import _missing_helpers as _helpers

__getattr__ = _helpers.module_getattr(__name__)
