r"""Checks for course 4 week 1: the convolution model, step by step (numpy, channels-last).

Each class grades one function of :mod:`reference.convolution`, declared once as an
:class:`~grader.judge.exercises.Exercise` (``EXERCISES``).  How the inputs are drawn is
:mod:`grader.checks.c4w1_inputs`: geometries sampled by
:func:`~grader.checks.c4w1_inputs.conv_geometries` and
:func:`~grader.checks.c4w1_inputs.pool_geometries` (a :class:`~grader.judge.strategies.Sampled`:
numpy samples a batch from one Hypothesis-drawn seed; the window fits the padded input,
with ``pad = 0``, strides above 1, ``f = n`` and non-square inputs among them); values come
from a sampled seed.  How what is not a reference's result is judged is
:mod:`grader.checks.c4w1_expect`.  Besides matching the reference, the checks test
what the course teaches, judged independently of it: the output size
:math:`\lfloor (n + 2p - f) / s \rfloor + 1`, "same" padding :math:`p = (f - 1) / 2`, every
output a direct sum over its window, pooling channel by channel, and backward passes equal
to central differences of the reference forward pass (:data:`~grader.checks.c4w1_inputs.STEP`,
:data:`NUMERICAL`), including ``pad = 0``, where the classic ``pad:-pad`` slice is empty.
The parameter count :math:`(f^2 n_{C_{prev}} + 1) n_C` of a layer is checked through the
shapes of dW and db.  Pooling inputs have distinct values (no ties), so a max mask is
unambiguous there.

**Each function is judged on its own.**  ``conv_forward`` calls ``zero_pad`` and
``conv_single_step``, ``conv_backward`` ``zero_pad``, ``pool_backward``
``create_mask_from_window`` and ``distribute_value``: while a check runs them, those blocks
are the reference's, answered by the judge (``Assignment.builds_on``, :mod:`grader.boundary.blocks`).
So a composite is simply compared with the reference: a wrong or unfinished block costs
points in its own exercise only, and never excuses the function built on it.

**Edge cases have their own check.**  The general checks of an exercise draw from the
course's domain, ``stride <= f <= n`` (and ``pad >= 1`` for ``conv_backward``); each input
the course never tests costs only the named check that draws it: ``pad = 0`` for
``conv_backward`` (the course's hint ``da_prev_pad[pad:-pad, pad:-pad, :]`` is empty there)
in ``check_pad_zero``, windows that skip entries (``stride > f``) in ``check_stride_above_f``
and windows wider than the unpadded input (``f > n``) in ``check_window_wider_than_the_input``.

The checks are in two modules, each declaring its own exercises:
:mod:`grader.checks.c4w1_forward` (zero_pad, conv_single_step, conv_forward, pool_forward)
and :mod:`grader.checks.c4w1_backward` (conv_backward, create_mask_from_window,
distribute_value, pool_backward); this module gathers them (they run in the notebook's
order of their exercises, :class:`grader.judge.plugin.GradingPlugin`).
"""

from __future__ import annotations

from grader.checks.c4w1_backward import (
    CONV_BACKWARD,
    CREATE_MASK,
    DISTRIBUTE_VALUE,
    NUMERICAL,  # noqa: F401  (the tests read it here)
    POOL_BACKWARD,
    CheckConvBackward,
    CheckCreateMaskFromWindow,
    CheckDistributeValue,
    CheckPoolBackward,
)
from grader.checks.c4w1_expect import direct_sum  # noqa: F401  (the tests read it here)
from grader.checks.c4w1_forward import (
    CONV_FORWARD,
    CONV_SINGLE_STEP,
    POOL_FORWARD,
    ZERO_PAD,
    CheckConvForward,
    CheckConvSingleStep,
    CheckPoolForward,
    CheckZeroPad,
)
from grader.checks.c4w1_inputs import (
    GRADIENT_GEOMETRIES,  # noqa: F401  (the tests read it here)
    MAX_OUT,  # noqa: F401  (the tests read it here)
    STRIDE_ABOVE_F,  # noqa: F401  (the tests read it here)
    WINDOW_WIDER_THAN_INPUT,  # noqa: F401  (the tests read it here)
    backward_cases,  # noqa: F401  (the tests read it here)
    conv_case,  # noqa: F401  (the tests read it here)
    conv_geometries,  # noqa: F401  (the tests read it here)
    conv_gradient_cases,  # noqa: F401  (the tests read it here)
    pad_cases,  # noqa: F401  (the tests read it here)
    pool_geometries,  # noqa: F401  (the tests read it here)
    pool_gradient_cases,  # noqa: F401  (the tests read it here)
    same_geometries,  # noqa: F401  (the tests read it here)
)
from grader.judge.exercises import declare

__all__ = [
    "CheckZeroPad",
    "CheckConvSingleStep",
    "CheckConvForward",
    "CheckPoolForward",
    "CheckConvBackward",
    "CheckCreateMaskFromWindow",
    "CheckDistributeValue",
    "CheckPoolBackward",
]

EXERCISES = declare(ZERO_PAD, CONV_SINGLE_STEP, CONV_FORWARD, POOL_FORWARD, CONV_BACKWARD, CREATE_MASK,
                    DISTRIBUTE_VALUE, POOL_BACKWARD)  # fmt: skip
