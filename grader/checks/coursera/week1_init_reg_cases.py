r"""The official fixed cases of Course 2 week 1 "Initialization" and "Regularization",
rebuilt seed for seed.

Every ``*_case(generation)`` returns the exact inputs of one official check as plain
positional arguments, in the form of :mod:`grader.checks.coursera.week2_cases`::

    {"args": (...), "calls": [(...)], "generation": "2021", "source": "...",
     "expected": {label: Expected, ...}}

Random inputs come from ``np.random.RandomState(seed)``, whose stream is identical to
``np.random.seed(seed); np.random.randn(...)``; arrays are drawn in the order of the
course files.  The caches of the two backward-pass cases are literals in the course
files, copied here digit for digit (the dropout cache was made with ``keep_prob = 0.5``,
though the check passes 0.8); so is the literal ``A3`` of the cost case.

Generations
-----------
Sources are public copies read through the stored GitHub index; where the index gives a
file's text but not its repository, the stored file id is quoted.

Initialization (Coursera item ``XOESP``):

=======  ==========================================================================================
key      what identifies it
=======  ==========================================================================================
"2017"   ``init_utils``, no automated tests; "Expected Output" printed for
         ``initialize_parameters_random([3, 2, 1])`` and ``initialize_parameters_he([2, 4, 1])``.
         Text of the notebook in a 2018 write-up (stored file id 55431307), which also prints
         the training costs that ``tests/reference/test_initialization.py`` reproduces.
"2021a"  ``public_tests.py`` importing ``test_utils`` (stored file id 544422600): zeros and
         random on ``[3, 2, 1]``, He on ``[2, 4, 1]``; ``multiple_test``.
"2021b"  ``public_tests.py`` importing ``dlai_tools.testing_utils`` (stored file id 673052996,
         the same text in 33562784270 and 56667657031): He on ``[3, 1, 2]``.  Notebook:
         NitinJoshi10/Deep-Learning-Specialization-Coursera-2023 ``Initialization.ipynb``.
=======  ==========================================================================================

Regularization (Coursera item ``SXQaI``):

=======  ==========================================================================================
"2017"   ``reg_utils`` + ``testCases`` (david-d-an/Chapter2Week1 ``testCases.py``); the printed
         outputs of the notebook in the same 2018 write-up (stored file id 55431307).
"2021"   ``public_tests.py`` importing ``dlai_tools.testing_utils`` (stored file id 578141449),
         the same fixed inputs, every output key checked; notebook:
         NitinJoshi10/Deep-Learning-Specialization-Coursera-2023 ``Regularization.ipynb``.
=======  ==========================================================================================

How the official checks compare (``Expected.check``, as in ``week2_cases``): ``"allclose"``
(``np.allclose``, used by ``single_test`` for the cost), ``"almost_equal"``
(``multiple_test``: arrays to ``decimal=6``, scalars with ``==``) and ``"printed"`` (a 2017
"Expected Output", 8 decimals; the cost to the 12 digits Python 2 printed).  The 2021
dropout test compares the forward cache too, whose masks are ``bool`` there; the check
passes an int 0/1 mask, since ``assert_array_almost_equal`` compares values.
"""

from __future__ import annotations

import numpy as np

from grader.checks.coursera.week2_cases import (
    ALLCLOSE_ATOL,
    ALLCLOSE_RTOL,
    ALMOST_EQUAL_ATOL,
    PRINTED_ATOL,
    Expected,
)

INIT_GENERATIONS = ("2017", "2021a", "2021b")
REG_GENERATIONS = ("2017", "2021")
PRINTED_COST_ATOL = 5e-12  # "1.78648594516": str() of a float in Python 2, 12 significant digits

SRC_2017_TEXT = "the 2017 notebooks as quoted in a 2018 write-up (stored file id 55431307)"
SRC_INIT_2021A = "public_tests.py using test_utils (stored file id 544422600)"
SRC_INIT_2021B = (
    "public_tests.py using dlai_tools (stored file id 673052996); notebook in "
    "NitinJoshi10/Deep-Learning-Specialization-Coursera-2023 Initialization.ipynb"
)
SRC_REG_2017 = "david-d-an/Chapter2Week1 testCases.py; outputs: " + SRC_2017_TEXT
SRC_REG_2021 = (
    "public_tests.py using dlai_tools (stored file id 578141449); notebook in "
    "NitinJoshi10/Deep-Learning-Specialization-Coursera-2023 Regularization.ipynb"
)
SOURCES = {
    "init": {"2017": SRC_2017_TEXT, "2021a": SRC_INIT_2021A, "2021b": SRC_INIT_2021B},
    "reg": {"2017": SRC_REG_2017, "2021": SRC_REG_2021},
}


def _a(rows) -> np.ndarray:
    return np.array(rows, dtype=float)


def _check(generation: str, allowed: tuple[str, ...]) -> None:
    if generation not in allowed:
        raise ValueError(f"no official case for generation {generation!r}; known here: {', '.join(allowed)}")


def _result(case: str, generation: str, args: tuple, source: str) -> dict:
    expected = {
        label: e
        for by_label in EXPECTED.values()
        for label, e in by_label.items()
        if e.case == case and e.generation == generation
    }
    return {"args": args, "calls": [args], "generation": generation, "source": source, "expected": expected}


# --- Initialization inputs ------------------------------------------------------------------

INIT_CASES = {  # exercise -> {generation: layers_dims}
    "initialize_parameters_zeros": {"2021a": [3, 2, 1], "2021b": [3, 2, 1]},
    "initialize_parameters_random": {"2017": [3, 2, 1], "2021a": [3, 2, 1], "2021b": [3, 2, 1]},
    "initialize_parameters_he": {"2017": [2, 4, 1], "2021a": [2, 4, 1], "2021b": [3, 1, 2]},
}


def initialization_case(function: str, generation: str = "2021b") -> dict:
    """``(layers_dims,)`` of the official check of ``function`` in ``generation``."""
    by_generation = INIT_CASES[function]
    _check(generation, tuple(by_generation))
    return _result(
        f"{function}_case", generation, (list(by_generation[generation]),), SOURCES["init"][generation]
    )


def initialize_parameters_zeros_case(generation: str = "2021b") -> dict:
    return initialization_case("initialize_parameters_zeros", generation)


def initialize_parameters_random_case(generation: str = "2021b") -> dict:
    return initialization_case("initialize_parameters_random", generation)


def initialize_parameters_he_case(generation: str = "2021b") -> dict:
    return initialization_case("initialize_parameters_he", generation)


# --- Regularization inputs ------------------------------------------------------------------

Y_ASSESS = np.array([[1, 1, 0, 1, 0]])  # int, as in the course files
A3_ASSESS = _a([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]])


def _three_layer_parameters(rs: np.random.RandomState) -> dict:
    """W1 (2, 3), b1 (2, 1), W2 (3, 2), b2 (3, 1), W3 (1, 3), b3 (1, 1), in that order."""
    shapes = {"W1": (2, 3), "b1": (2, 1), "W2": (3, 2), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1)}
    return {key: rs.randn(*shape) for key, shape in shapes.items()}


def compute_cost_with_regularization_case(generation: str = "2021") -> dict:
    """``(A3, Y, parameters, lambd=0.1)``; ``compute_cost_with_regularization_test_case``."""
    _check(generation, REG_GENERATIONS)
    parameters = _three_layer_parameters(np.random.RandomState(1))
    return _result(
        "compute_cost_with_regularization_case",
        generation,
        (A3_ASSESS.copy(), Y_ASSESS.copy(), parameters, 0.1),
        SOURCES["reg"][generation],
    )


_L2_CACHE = (
    _a(
        [
            [-1.52855314, 3.32524635, 2.13994541, 2.60700654, -0.75942115],
            [-1.98043538, 4.1600994, 0.79051021, 1.46493512, -0.45506242],
        ]
    ),
    _a([[0.0, 3.32524635, 2.13994541, 2.60700654, 0.0], [0.0, 4.1600994, 0.79051021, 1.46493512, 0.0]]),
    _a([[-1.09989127, -0.17242821, -0.87785842], [0.04221375, 0.58281521, -1.10061918]]),
    _a([[1.14472371], [0.90159072]]),
    _a(
        [
            [0.53035547, 5.94892323, 2.31780174, 3.16005701, 0.53035547],
            [-0.69166075, -3.47645987, -2.25194702, -2.65416996, -0.69166075],
            [-0.39675353, -4.62285846, -2.61101729, -3.22874921, -0.39675353],
        ]
    ),
    _a(
        [
            [0.53035547, 5.94892323, 2.31780174, 3.16005701, 0.53035547],
            [0.0, 0.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 0.0, 0.0, 0.0],
        ]
    ),
    _a([[0.50249434, 0.90085595], [-0.68372786, -0.12289023], [-0.93576943, -0.26788808]]),
    _a([[0.53035547], [-0.69166075], [-0.39675353]]),
    _a([[-0.3771104, -4.10060224, -1.60539468, -2.18416951, -0.3771104]]),
    _a([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]]),
    _a([[-0.6871727, -0.84520564, -0.67124613]]),
    _a([[-0.0126646]]),
)

_DROPOUT_CACHE = (
    _a(
        [
            [-1.52855314, 3.32524635, 2.13994541, 2.60700654, -0.75942115],
            [-1.98043538, 4.1600994, 0.79051021, 1.46493512, -0.45506242],
        ]
    ),
    np.array([[True, False, True, True, True], [True, True, True, True, False]]),
    _a([[0.0, 0.0, 4.27989081, 5.21401307, 0.0], [0.0, 8.32019881, 1.58102041, 2.92987024, 0.0]]),
    _a([[-1.09989127, -0.17242821, -0.87785842], [0.04221375, 0.58281521, -1.10061918]]),
    _a([[1.14472371], [0.90159072]]),
    _a(
        [
            [0.53035547, 8.02565606, 4.10524802, 5.78975856, 0.53035547],
            [-0.69166075, -1.71413186, -3.81223329, -4.61667916, -0.69166075],
            [-0.39675353, -2.62563561, -4.82528105, -6.0607449, -0.39675353],
        ]
    ),
    np.array(
        [
            [True, False, True, False, True],
            [False, True, False, True, True],
            [False, False, True, False, False],
        ]
    ),
    _a([[1.06071093, 0.0, 8.21049603, 0.0, 1.06071093], [0.0] * 5, [0.0] * 5]),
    _a([[0.50249434, 0.90085595], [-0.68372786, -0.12289023], [-0.93576943, -0.26788808]]),
    _a([[0.53035547], [-0.69166075], [-0.39675353]]),
    _a([[-0.7415562, -0.0126646, -5.65469333, -0.0126646, -0.7415562]]),
    _a([[0.32266394, 0.49683389, 0.00348883, 0.49683389, 0.32266394]]),
    _a([[-0.6871727, -0.84520564, -0.67124613]]),
    _a([[-0.0126646]]),
)


def _fresh(cache: tuple) -> tuple:
    return tuple(a.copy() for a in cache)


def backward_propagation_with_regularization_case(generation: str = "2021") -> dict:
    """``(X, Y, cache, lambd=0.7)``: X drawn after seed 1, the 12-tuple cache a literal."""
    _check(generation, REG_GENERATIONS)
    X = np.random.RandomState(1).randn(3, 5)
    return _result(
        "backward_propagation_with_regularization_case",
        generation,
        (X, Y_ASSESS.copy(), _fresh(_L2_CACHE), 0.7),
        SOURCES["reg"][generation],
    )


def forward_propagation_with_dropout_case(generation: str = "2021") -> dict:
    """``(X, parameters, keep_prob=0.7)``: X (3, 5) then the parameters, drawn after seed 1."""
    _check(generation, REG_GENERATIONS)
    rs = np.random.RandomState(1)
    X = rs.randn(3, 5)
    return _result(
        "forward_propagation_with_dropout_case",
        generation,
        (X, _three_layer_parameters(rs), 0.7),
        SOURCES["reg"][generation],
    )


def backward_propagation_with_dropout_case(generation: str = "2021") -> dict:
    """``(X, Y, cache, keep_prob=0.8)``: X drawn after seed 1, the 14-tuple cache (bool masks) a literal."""
    _check(generation, REG_GENERATIONS)
    X = np.random.RandomState(1).randn(3, 5)
    return _result(
        "backward_propagation_with_dropout_case",
        generation,
        (X, Y_ASSESS.copy(), _fresh(_DROPOUT_CACHE), 0.8),
        SOURCES["reg"][generation],
    )


# --- recorded expected outputs --------------------------------------------------------------

_ZEROS_321 = {"W1": np.zeros((2, 3)), "b1": np.zeros((2, 1)), "W2": np.zeros((1, 2)), "b2": np.zeros((1, 1))}
_RANDOM_321 = {
    "W1": _a([[17.88628473, 4.36509851, 0.96497468], [-18.63492703, -2.77388203, -3.54758979]]),
    "b1": np.zeros((2, 1)),
    "W2": _a([[-0.82741481, -6.27000677]]),
    "b2": np.zeros((1, 1)),
}
_HE_241 = {
    "W1": _a(
        [
            [1.78862847, 0.43650985],
            [0.09649747, -1.8634927],
            [-0.2773882, -0.35475898],
            [-0.08274148, -0.62700068],
        ]
    ),
    "b1": np.zeros((4, 1)),
    "W2": _a([[-0.03098412, -0.33744411, -0.92904268, 0.62552248]]),
    "b2": np.zeros((1, 1)),
}
_HE_312 = {
    "W1": _a([[1.46040903, 0.3564088, 0.07878985]]),
    "b1": np.zeros((1, 1)),
    "W2": _a([[-2.63537665], [-0.39228616]]),
    "b2": np.zeros((2, 1)),
}

_DW_L2 = {
    "dW1": _a([[-0.25604646, 0.12298827, -0.28297129], [-0.17706303, 0.34536094, -0.4410571]]),
    "dW2": _a([[0.79276486, 0.85133918], [-0.0957219, -0.01720463], [-0.13100772, -0.03750433]]),
    "dW3": _a([[-1.77691347, -0.11832879, -0.09397446]]),
}
_GRADS_L2_2021 = {
    "dZ3": _a([[-0.59317598, -0.98370716, 0.16722898, -0.89881889, 0.40682402]]),
    "dW3": _DW_L2["dW3"],
    "db3": _a([[-0.38032981]]),
    "dA2": _a(
        [
            [0.40761434, 0.67597671, -0.11491519, 0.6176438, -0.27955836],
            [0.50135568, 0.83143484, -0.14134288, 0.7596868, -0.34384996],
            [0.39816708, 0.66030962, -0.11225181, 0.6033287, -0.27307905],
        ]
    ),
    "dZ2": _a([[0.40761434, 0.67597671, -0.11491519, 0.6176438, -0.27955836], [0.0] * 5, [0.0] * 5]),
    "dW2": _DW_L2["dW2"],
    "db2": _a([[0.26135226], [0.0], [0.0]]),
    "dA1": _a(
        [
            [0.2048239, 0.33967447, -0.05774423, 0.31036252, -0.14047649],
            [0.3672018, 0.60895764, -0.10352203, 0.5564081, -0.25184181],
        ]
    ),
    "dZ1": _a(
        [[0.0, 0.33967447, -0.05774423, 0.31036252, 0.0], [0.0, 0.60895764, -0.10352203, 0.5564081, 0.0]]
    ),
    "dW1": _DW_L2["dW1"],
    "db1": _a([[0.11845855], [0.21236874]]),
}

_A3_DROPOUT = _a([[0.36974721, 0.00305176, 0.04565099, 0.49683389, 0.36974721]])
_FORWARD_DROPOUT_2021 = (
    _A3_DROPOUT,
    (
        _a(
            [
                [-1.52855314, 3.32524635, 2.13994541, 2.60700654, -0.75942115],
                [-1.98043538, 4.1600994, 0.79051021, 1.46493512, -0.45506242],
            ]
        ),
        np.array([[True, False, True, True, True], [True, True, True, True, True]]),
        _a([[0.0, 0.0, 3.05706487, 3.72429505, 0.0], [0.0, 5.94299915, 1.1293003, 2.09276446, 0.0]]),
        _a([[-1.09989127, -0.17242821, -0.87785842], [0.04221375, 0.58281521, -1.10061918]]),
        _a([[1.14472371], [0.90159072]]),
        _a(
            [
                [0.53035547, 5.88414161, 3.08385015, 4.28707196, 0.53035547],
                [-0.69166075, -1.42199726, -2.92064114, -3.49524533, -0.69166075],
                [-0.39675353, -1.98881216, -3.55998747, -4.44246165, -0.39675353],
            ]
        ),
        np.array(
            [
                [True, True, True, False, True],
                [True, True, True, True, True],
                [False, False, True, True, False],
            ]
        ),
        _a([[0.75765067, 8.40591658, 4.40550021, 0.0, 0.75765067], [0.0] * 5, [0.0] * 5]),
        _a([[0.50249434, 0.90085595], [-0.68372786, -0.12289023], [-0.93576943, -0.26788808]]),
        _a([[0.53035547], [-0.69166075], [-0.39675353]]),
        _a([[-0.53330145, -5.78898099, -3.04000407, -0.0126646, -0.53330145]]),
        _A3_DROPOUT,
        _a([[-0.6871727, -0.84520564, -0.67124613]]),
        _a([[-0.0126646]]),
    ),
)

_DA_DROPOUT = {
    "dA1": _a([[0.36544439, 0.0, -0.00188233, 0.0, -0.17408748], [0.65515713, 0.0, -0.00337459, 0.0, 0.0]]),
    "dA2": _a(
        [
            [0.58180856, 0.0, -0.00299679, 0.0, -0.27715731],
            [0.0, 0.53159854, 0.0, 0.53159854, -0.34089673],
            [0.0, 0.0, -0.00292733, 0.0, 0.0],
        ]
    ),
}
_GRADS_DROPOUT_2021 = {
    "dZ3": _a([[-0.67733606, -0.50316611, 0.00348883, -0.50316611, 0.32266394]]),
    "dW3": _a([[-0.06951191, 0.0, 0.0]]),
    "db3": _a([[-0.2715031]]),
    "dA2": _DA_DROPOUT["dA2"],
    "dZ2": _a([[0.58180856, 0.0, -0.00299679, 0.0, -0.27715731], [0.0] * 5, [0.0] * 5]),
    "dW2": _a([[-0.00256518, -0.0009476], [0.0, 0.0], [0.0, 0.0]]),
    "db2": _a([[0.06033089], [0.0], [0.0]]),
    "dA1": _DA_DROPOUT["dA1"],
    "dZ1": _a([[0.0, 0.0, -0.00188233, 0.0, 0.0], [0.0, 0.0, -0.00337459, 0.0, 0.0]]),
    "dW1": _a([[0.00019884, 0.00028657, 0.00012138], [0.00035647, 0.00051375, 0.00021761]]),
    "db1": _a([[-0.00037647], [-0.00067492]]),
}


def _e(case, generation, value, check, source, **kw) -> Expected:
    tolerance = {
        "allclose": (ALLCLOSE_RTOL, ALLCLOSE_ATOL),
        "almost_equal": (0.0, ALMOST_EQUAL_ATOL),
        "printed": (0.0, PRINTED_ATOL),
    }[check]
    rtol, atol = kw.pop("tolerance", tolerance)
    return Expected(case, generation, value, check, rtol, atol, source=source, **kw)


EXPECTED = {
    "initialize_parameters_zeros": {
        g: _e("initialize_parameters_zeros_case", g, _ZEROS_321, "almost_equal", SOURCES["init"][g])
        for g in ("2021a", "2021b")
    },
    "initialize_parameters_random": {
        "2017": _e("initialize_parameters_random_case", "2017", _RANDOM_321, "printed", SRC_2017_TEXT),
        **{
            g: _e("initialize_parameters_random_case", g, _RANDOM_321, "almost_equal", SOURCES["init"][g])
            for g in ("2021a", "2021b")
        },
    },
    "initialize_parameters_he": {
        "2017": _e("initialize_parameters_he_case", "2017", _HE_241, "printed", SRC_2017_TEXT),
        "2021a": _e("initialize_parameters_he_case", "2021a", _HE_241, "almost_equal", SRC_INIT_2021A),
        "2021b": _e("initialize_parameters_he_case", "2021b", _HE_312, "almost_equal", SRC_INIT_2021B),
    },
    "compute_cost_with_regularization": {
        "2017": _e(
            "compute_cost_with_regularization_case",
            "2017",
            1.78648594516,
            "printed",
            SRC_REG_2017,
            tolerance=(0.0, PRINTED_COST_ATOL),
        ),
        "2021": _e(
            "compute_cost_with_regularization_case", "2021", 1.7864859451590758, "allclose", SRC_REG_2021
        ),
    },
    "backward_propagation_with_regularization": {
        "2017": _e(
            "backward_propagation_with_regularization_case",
            "2017",
            _DW_L2,
            "printed",
            SRC_REG_2017,
            note="the notebook prints dW1, dW2, dW3 only",
        ),
        "2021": _e(
            "backward_propagation_with_regularization_case",
            "2021",
            _GRADS_L2_2021,
            "almost_equal",
            SRC_REG_2021,
        ),
    },
    "forward_propagation_with_dropout": {
        "2017": _e(
            "forward_propagation_with_dropout_case",
            "2017",
            (_A3_DROPOUT,),
            "printed",
            SRC_REG_2017,
            note="the notebook prints A3 only",
        ),
        "2021": _e(
            "forward_propagation_with_dropout_case",
            "2021",
            _FORWARD_DROPOUT_2021,
            "almost_equal",
            SRC_REG_2021,
            note="the expected masks are bool; values are compared",
        ),
    },
    "backward_propagation_with_dropout": {
        "2017": _e(
            "backward_propagation_with_dropout_case",
            "2017",
            _DA_DROPOUT,
            "printed",
            SRC_REG_2017,
            note="the notebook prints dA1 and dA2 only",
        ),
        "2021": _e(
            "backward_propagation_with_dropout_case",
            "2021",
            _GRADS_DROPOUT_2021,
            "almost_equal",
            SRC_REG_2021,
        ),
    },
}
