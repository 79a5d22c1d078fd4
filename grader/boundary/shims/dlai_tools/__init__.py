"""Stand-in for the course package ``dlai_tools`` (only ``testing_utils`` is used in the DLS).

Any attribute can be read from it (PEP 562); calling one raises ``RuntimeError``.  The
submodule ``testing_utils`` is returned as a module, so that
``from dlai_tools import testing_utils`` works as well as
``from dlai_tools.testing_utils import multiple_test``.
"""

import _missing_helpers as _helpers

__getattr__ = _helpers.module_getattr(__name__, submodules=("testing_utils",))
