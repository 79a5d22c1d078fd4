r"""The official fixed cases of Course 2 week 1 "Gradient checking", rebuilt seed for seed.

Every ``*_case(generation)`` returns the exact inputs of one official check as plain
positional arguments::

    {"args": (...), "calls": [(...), ...], "generation": "2021b", "source": "...",
     "expected": {label: Expected, ...}}

``calls`` lists every call the official check makes, ``args`` is ``calls[0]``, ``expected``
the recorded outputs of this case.  Random inputs come from ``np.random.RandomState(seed)``,
whose stream is identical to the course's ``np.random.seed(seed); np.random.randn(...)``,
drawn in the order of ``testCases.gradient_check_n_test_case`` (x, then W1, b1, W2, b2, W3, b3).

Generations
-----------
The order is inferred from the files (each step changes one thing); the files carry no dates.

========  ====================================================================================
key       what identifies it
========  ====================================================================================
"2017"    ``testCases`` + ``gc_utils``; ``gradient_check(x, theta, epsilon = 1e-7)`` and
          ``gradient_check_n(parameters, gradients, X, Y, epsilon = 1e-7)`` (no
          ``print_msg``), ``### START CODE HERE ###``; no automated tests, only "Expected
          Output" tables.  Notebook: higepon/cousera.deeplearning.ai.solved
          ``Gradient+Checking.ipynb``; ``testCases.py`` and ``gc_utils.py``:
          david-d-an/Chapter2Week1.
"2021a"   ``public_tests`` with ``test_utils.single_test``: forward, backward and
          ``gradient_check`` all on ``x, theta = 2, 4``; ``gradient_check_n_test`` accepts
          either of two values.  ``print_msg`` added.  Stored file id 139544141; notebook
          AliHumadi2000/Deep-learning-course2-Gradient-Checking ``Gradient_Checking.ipynb``.
"2021b"   ``public_tests`` with ``dlai_tools.testing_utils``: ``backward_propagation`` and
          ``gradient_check`` on ``x, theta = 3, 4``; no ``gradient_check_n_test`` (the
          notebook's test cell asserts instead).  Stored file id 602501113; notebook
          NitinJoshi10/Deep-Learning-Specialization-Coursera-2023 ``Gradient_Checking.ipynb``.
========  ====================================================================================

Every generation's ``gradient_check_n`` cell runs on ``gradient_check_n_test_case()`` (the
same in every ``testCases.py``) with the gradients of the notebook's
``backward_propagation_n``, which carries two planted bugs (:func:`notebook_backward_propagation_n`);
2021's cell asserts ``np.isclose(difference, [0.2850931567761623, 1.1890913024229996e-07])``
(buggy, or the student's corrected backward pass) and ``type(difference) != np.ndarray``.

How the official checks compare (``Expected.check``)
----------------------------------------------------
* ``"isclose"``: ``np.isclose`` with numpy's defaults ``rtol=1e-5, atol=1e-8``.
* ``"equal"``: ``single_test``'s ``equation_output_check`` on a scalar, i.e. ``==``.
* ``"printed"``: a 2017 printed output or "Expected Output" table; compare to the digits shown.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reference.gc_helpers import PARAMETER_SHAPES, backward_propagation_n, forward_propagation_n

GENERATIONS = ("2017", "2021a", "2021b")
LATEST = "2021b"

ISCLOSE_RTOL, ISCLOSE_ATOL = 1e-5, 1e-8  # numpy's np.isclose defaults

SRC_2017 = (
    "higepon/cousera.deeplearning.ai.solved Gradient+Checking.ipynb (printed outputs and "
    "Expected Output tables); david-d-an/Chapter2Week1 testCases.py, gc_utils.py"
)
SRC_2021A = (
    "public_tests.py using test_utils (stored file id 139544141); notebook "
    "AliHumadi2000/Deep-learning-course2-Gradient-Checking Gradient_Checking.ipynb"
)
SRC_2021B = (
    "public_tests.py using dlai_tools (stored file id 602501113); notebook "
    "NitinJoshi10/Deep-Learning-Specialization-Coursera-2023 Gradient_Checking.ipynb"
)
SOURCES = {"2017": SRC_2017, "2021a": SRC_2021A, "2021b": SRC_2021B}

THRESHOLD = 2e-7  # 2021+ notebooks: "difference > 2e-7" means "There is a mistake"; 2017 printed at 1e-7


@dataclass(frozen=True)
class Expected:
    """One recorded official output: which case produced it and how it was compared."""

    case: str  # name of the builder in this module that gives the inputs
    generation: str
    value: object
    check: str  # "isclose", "equal" or "printed"
    call: int = 0  # index into the case's calls
    rtol: float = 0.0
    atol: float = 0.0
    ground_truth: bool = True  # False: a typo in the course text, do not grade against it
    source: str = ""
    note: str = ""


def _isclose(case, gen, value, call=0, **kw):
    return Expected(case, gen, value, "isclose", call, ISCLOSE_RTOL, ISCLOSE_ATOL, source=SOURCES[gen], **kw)


def _equal(case, gen, value, call=0, **kw):
    return Expected(case, gen, value, "equal", call, source=SOURCES[gen], **kw)


def _printed(case, gen, value, atol, call=0, **kw):
    return Expected(case, gen, value, "printed", call, 0.0, atol, source=SOURCES[gen], **kw)


def _check_generation(generation: str) -> None:
    if generation not in GENERATIONS:
        raise ValueError(
            f"no official case for generation {generation!r}; known here: {', '.join(GENERATIONS)}"
        )


def _expected(case: str, generation: str) -> dict:
    return {label: e for label, e in EXPECTED.items() if e.case == case and e.generation == generation}


def _result(case: str, generation: str, calls: list) -> dict:
    return {
        "args": calls[0],
        "calls": calls,
        "generation": generation,
        "source": SOURCES[generation],
        "expected": _expected(case, generation),
    }


# --- the notebook's given code ------------------------------------------------------------


def notebook_backward_propagation_n(X, Y, cache):
    r"""The notebook's ``backward_propagation_n``, as given to students (every generation),
    with its two planted bugs ("Hint: check dW2 and db1"):

    .. math::

        dW^{[2]} = \tfrac{1}{m}\, dZ^{[2]} A^{[1]T} \cdot 2, \qquad
        db^{[1]} = \tfrac{4}{m} \textstyle\sum_i dZ^{[1]}_{:,i}

    The corrected version is ``reference.gc_helpers.backward_propagation_n``.
    """
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T)
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T) * 2  # planted bug
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
    db1 = 4.0 / m * np.sum(dZ1, axis=1, keepdims=True)  # planted bug
    return {
        "dZ3": dZ3,
        "dW3": dW3,
        "db3": db3,
        "dA2": dA2,
        "dZ2": dZ2,
        "dW2": dW2,
        "db2": db2,
        "dA1": dA1,
        "dZ1": dZ1,
        "dW1": dW1,
        "db1": db1,
    }


def gradient_check_n_test_case() -> tuple:
    """``testCases.gradient_check_n_test_case()``: ``(x (4, 3), y = [1, 1, 0] of shape (3,), parameters)``."""
    rs = np.random.RandomState(1)
    x = rs.randn(4, 3)
    y = np.array([1, 1, 0])
    parameters = {key: rs.randn(*shape) for key, shape in PARAMETER_SHAPES.items()}  # W1, b1, ..., b3
    return x, y, parameters


# --- inputs -------------------------------------------------------------------------------


def forward_propagation_case(generation: str = LATEST) -> dict:
    """``x, theta = 2, 4`` in every generation."""
    _check_generation(generation)
    return _result("forward_propagation_case", generation, [(2, 4)])


def backward_propagation_case(generation: str = LATEST) -> dict:
    """``x, theta = 2, 4`` until 2021a, ``3, 4`` in 2021b."""
    _check_generation(generation)
    return _result("backward_propagation_case", generation, [(3, 4) if generation == "2021b" else (2, 4)])


def gradient_check_case(generation: str = LATEST) -> dict:
    """``gradient_check(x, theta)`` with the default epsilon: ``2, 4`` until 2021a, ``3, 4`` in 2021b.

    The notebooks call it with ``print_msg=True`` since 2021; it is left out here so the
    call fits every generation's signature.
    """
    _check_generation(generation)
    return _result("gradient_check_case", generation, [(3, 4) if generation == "2021b" else (2, 4)])


def gradient_check_n_case(generation: str = LATEST) -> dict:
    """``(parameters, gradients, X, Y, 1e-7)`` twice: the notebook's buggy gradients, then
    the corrected ones (the second value 2021's test cell accepts)."""
    _check_generation(generation)
    X, Y, parameters = gradient_check_n_test_case()
    _, cache = forward_propagation_n(X, Y, parameters)
    buggy = notebook_backward_propagation_n(X, Y, cache)
    fixed = backward_propagation_n(X, Y, cache)
    return _result(
        "gradient_check_n_case",
        generation,
        [(parameters, buggy, X, Y, 1e-7), (parameters, fixed, X, Y, 1e-7)],
    )


# --- recorded outputs ---------------------------------------------------------------------

EXPECTED: dict[str, Expected] = {
    "2017 J": _printed("forward_propagation_case", "2017", 8, 0.0),
    "2017 dtheta": _printed("backward_propagation_case", "2017", 2, 0.0),
    "2017 difference (printed)": _printed("gradient_check_case", "2017", 2.91933588329e-10, 5e-22,
                                          note="str() of a numpy float64 before numpy 1.14: 12 significant digits"),
    "2017 difference (table)": _printed(
        "gradient_check_case", "2017", 2.9193358103083e-10, 5e-24, ground_truth=False,
        note="the Expected Output table; the same notebook prints 2.91933588329e-10, which the "
             "formula reproduces: the table's digits 8103 are a typo"),
    "2017 gradient_check_n": _printed(
        "gradient_check_n_case", "2017", 0.285093156781, 1e-11,
        note="12 digits, of which the last two differ from today's 0.2850931567761623: the 94 costs' "
             "rounding (2017's numpy and BLAS) moves the difference by ~5e-12"),
    "2021a J": _equal("forward_propagation_case", "2021a", 8),
    "2021a dtheta": _equal("backward_propagation_case", "2021a", 2),
    "2021a difference": _equal("gradient_check_case", "2021a", 2.919335883291695e-10),
    "2021a gradient_check_n (buggy)": _isclose("gradient_check_n_case", "2021a", 0.2850931567761623),
    "2021a gradient_check_n (fixed)": _isclose("gradient_check_n_case", "2021a", 1.1890913024229996e-07, call=1),
    "2021b J": _equal("forward_propagation_case", "2021b", 8),
    "2021b dtheta": _equal("backward_propagation_case", "2021b", 3),
    "2021b difference": _equal("gradient_check_case", "2021b", 7.814075313343006e-11),
    "2021b gradient_check_n (buggy)": _isclose("gradient_check_n_case", "2021b", 0.2850931567761623),
    "2021b gradient_check_n (fixed)": _isclose("gradient_check_n_case", "2021b", 1.1890913024229996e-07, call=1),
}  # fmt: skip
