r"""The official fixed cases of Course 2 week 2 ("Optimization methods"), rebuilt seed for seed.

Every ``*_case(generation)`` (``Expected.case`` names one; call it with
``Expected.generation``) returns the exact inputs of one official check as plain
positional arguments::

    {"args": (...), "calls": [(...), ...], "generation": "2021d", "source": "...",
     "expected": {label: Expected, ...}}

``calls`` lists every call the official check makes (one, except ``schedule_lr_decay``);
``args`` is ``calls[0]``; ``expected`` holds the recorded outputs of exactly this case (the
entries of ``EXPECTED`` that name it), possibly none.  Random inputs come from
``np.random.RandomState(seed)``, whose
stream is identical to ``np.random.seed(seed); np.random.randn(...)``, so nothing here
touches numpy's global state.  Arrays are drawn in the order of the course files.

Generations
-----------
The order is inferred from the files (each step changes one thing); the files carry no
dates.  Sources are public copies read through the stored GitHub index; where the index
gives a file's text but not its repository, the stored file id is quoted.

========  ====================================================================================
key       what identifies it
========  ====================================================================================
"2017"    ``opt_utils`` + ``testCases``; no automated tests, only "Expected Output" tables;
          Adam returns ``(parameters, v, s)``; every ``W2`` is ``(3, 3)``.  Cases:
          david-d-an/Chapter2Week2 ``testCases.py``; expected values:
          brightmart/deep_learning_by_andrew_ng_coursera ``Optimization+methods.ipynb``.
          ``Optimization_methods_v1b.ipynb`` (AbebeT/optimization_methods) keeps these
          cases and the 3-tuple Adam but imports ``opt_utils_v1a``; its Adam table was not
          read, so whether it still shows the epsilon-inside values is not known.
"2021a"   ``opt_utils_v1a`` + ``testCases`` + ``public_tests``; that ``public_tests.py``
          imports no helper and writes its cases inline (Adam with the default
          hyper-parameters, ``random_mini_batches`` on an index matrix), compares with
          ``np.allclose``, and tests ``update_lr`` with ``==``.  Stored file id 34342003110.
"2021b"   ``public_tests.py`` imports ``test_utils.multiple_test`` and ``testCases`` (the
          2017 shapes); Adam is called with ``t=2, learning_rate=0.02, beta1=0.8,
          beta2=0.888, epsilon=1e-2``.  Stored file id 786643489.
"2021c"   ``public_tests.py`` imports ``dlai_tools.testing_utils``; ``testCases``'s Adam case
          returns all 9 arguments; ``W2`` still ``(3, 3)``.  Stored file id 1726001110;
          outputs in AliHumadi2000/OptimizationMethod_Course2_week2_Assignemnt
          ``Optimization_methods.ipynb``.
"2021d"   as 2021c with ``W2`` of shape ``(3, 2)`` everywhere (current version).  Stored
          file ids 163957078 (``public_tests.py``), 41927015372 (``testCases.py``);
          outputs in NitinJoshi10/Deep-Learning-Specialization-Coursera-2023
          ``Optimization_methods.ipynb``.
========  ====================================================================================

How the official checks compare (recorded in ``Expected.check``)
-----------------------------------------------------------------
* ``"allclose"``: ``np.allclose`` / ``np.isclose`` with numpy's defaults,
  ``rtol=1e-5, atol=1e-8`` (direct asserts in 2021a, 2021c, 2021d).  The 2021c/2021d Adam
  test compares **row 0 only** of each array, and only the keys the student returned.
* ``"almost_equal"``: ``multiple_test`` -> ``equation_output_check``, i.e.
  ``np.testing.assert_array_almost_equal`` (``decimal=6``: ``|a - b| < 1.5e-6``) for
  arrays and ``==`` for scalars (test_utils / dlai_tools, stored file id 8840926254).
* ``"equal"``: ``==`` on floats (2021a ``update_lr``, every scalar under
  ``multiple_test``).
* ``"printed"``: a 2017 "Expected Output" table, printed by numpy to 8 decimals; compare
  with ``atol=1e-8``.

Epsilon inside the square root
------------------------------
The 2017 "Expected Output" of ``update_parameters_with_adam`` and the 2021b public test
were computed with ``v_corrected / np.sqrt(s_corrected + epsilon)``, not with the formula
the notebooks state, ``v_corrected / (np.sqrt(s_corrected) + epsilon)``.  Evidence: 2017
``W2[2, 1]`` is printed as ``-1.09245036`` (inside) where the formula gives ``-1.09244991``
(the value 2021a expects), because ``s["dW2"][2, 1] = 1.6e-7`` is tiny; 2021b's parameters
(``epsilon=1e-2``) match the inside variant to 8 digits and miss the formula by ~1e-4.
Those entries carry ``ground_truth=False``: use them to recognise the old behaviour, never
to grade.  Their ``v`` and ``s`` do not depend on epsilon and are correct.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

GENERATIONS = ("2017", "2021a", "2021b", "2021c", "2021d")
LATEST = "2021d"

ALLCLOSE_RTOL, ALLCLOSE_ATOL = 1e-5, 1e-8  # numpy's np.allclose / np.isclose defaults
ALMOST_EQUAL_ATOL = 1.5e-6  # np.testing.assert_array_almost_equal(decimal=6)
PRINTED_ATOL = 1e-8  # numbers printed with 8 decimals

SRC_2017_CASES = "david-d-an/Chapter2Week2 testCases.py"
SRC_2017_OUT = (
    "brightmart/deep_learning_by_andrew_ng_coursera Optimization+methods.ipynb, Expected Output tables"
)
SRC_2021A = "public_tests.py with inline cases (stored file id 34342003110)"
SRC_2021B = "public_tests.py using test_utils.multiple_test (stored file id 786643489)"
SRC_2021C = (
    "public_tests.py using dlai_tools (stored file id 1726001110); outputs in "
    "AliHumadi2000/OptimizationMethod_Course2_week2_Assignemnt Optimization_methods.ipynb"
)
SRC_2021D = (
    "public_tests.py + testCases.py (stored file ids 163957078, 41927015372); outputs "
    "in NitinJoshi10/Deep-Learning-Specialization-Coursera-2023 Optimization_methods.ipynb"
)
SOURCES = {
    "2017": SRC_2017_CASES,
    "2021a": SRC_2021A,
    "2021b": SRC_2021B,
    "2021c": SRC_2021C,
    "2021d": SRC_2021D,
}


@dataclass(frozen=True)
class Expected:
    """One recorded official output: which case produced it and how it was compared."""

    case: str  # name of the builder in this module that gives the inputs
    generation: str
    value: object
    check: str  # "allclose", "almost_equal", "equal" or "printed" (see module docstring)
    rtol: float = 0.0
    atol: float = 0.0
    first_row_only: bool = False  # the official check compared row 0 of each array only
    ground_truth: bool = True  # False: computed with a known bug, do not grade against it
    source: str = ""
    note: str = ""


def _allclose(case, gen, value, source, **kw):
    return Expected(case, gen, value, "allclose", ALLCLOSE_RTOL, ALLCLOSE_ATOL, source=source, **kw)


def _almost_equal(case, gen, value, source, **kw):
    return Expected(case, gen, value, "almost_equal", 0.0, ALMOST_EQUAL_ATOL, source=source, **kw)


def _printed(case, gen, value, source, **kw):
    return Expected(case, gen, value, "printed", 0.0, PRINTED_ATOL, source=source, **kw)


def _check_generation(generation: str, allowed=GENERATIONS) -> None:
    if generation not in allowed:
        raise ValueError(f"no official case for generation {generation!r}; known here: {', '.join(allowed)}")


def _expected(case: str, generation: str) -> dict:
    return {
        label: e
        for by_label in EXPECTED.values()
        for label, e in by_label.items()
        if e.case == case and e.generation == generation
    }


def _result(case: str, generation: str, calls: list, source: str | None = None) -> dict:
    return {
        "args": calls[0],
        "calls": calls,
        "generation": generation,
        "source": source or SOURCES[generation],
        "expected": _expected(case, generation),
    }


def _w2_shape(generation: str) -> tuple:
    return (3, 2) if generation == "2021d" else (3, 3)


def _parameters_and_grads(generation: str) -> tuple:
    """``np.random.seed(1)``, then W1, b1, W2, b2, dW1, db1, dW2, db2 (testCases.py order)."""
    rs = np.random.RandomState(1)
    w2 = _w2_shape(generation)
    parameters = {"W1": rs.randn(2, 3), "b1": rs.randn(2, 1), "W2": rs.randn(*w2), "b2": rs.randn(3, 1)}
    grads = {"dW1": rs.randn(2, 3), "db1": rs.randn(2, 1), "dW2": rs.randn(*w2), "db2": rs.randn(3, 1)}
    return parameters, grads


def _zeros(generation: str) -> dict:
    """The literal zero dicts of testCases.py, in their key order (dW1, dW2, db1, db2)."""
    w2 = _w2_shape(generation)
    return {"dW1": np.zeros((2, 3)), "dW2": np.zeros(w2), "db1": np.zeros((2, 1)), "db2": np.zeros((3, 1))}


# --- inputs -------------------------------------------------------------------------------


def update_parameters_with_gd_case(generation: str = LATEST) -> dict:
    """``(parameters, grads, learning_rate=0.01)``; ``update_parameters_with_gd_test_case``."""
    _check_generation(generation)
    parameters, grads = _parameters_and_grads(generation)
    return _result("update_parameters_with_gd_case", generation, [(parameters, grads, 0.01)])


def random_mini_batches_case(generation: str = LATEST) -> dict:
    """The input of each generation's official ``random_mini_batches`` check.

    2017 has no automated check; its notebook cell uses the large case.  2021a passes
    ``seed=0`` explicitly; the others rely on the default ``seed=0``.
    """
    _check_generation(generation)
    if generation in ("2017", "2021a"):
        result = (
            random_mini_batches_large_case("2017")
            if generation == "2017"
            else random_mini_batches_index_case("2021a", explicit_seed=True)
        )
        result["expected"].update(_expected("random_mini_batches_case", generation))
        return result
    rs = np.random.RandomState(1)
    n_x, m = (7, 3) if generation == "2021b" else (5, 7)
    X = rs.randn(n_x, m)
    Y = rs.randn(1, m) < 0.5
    return _result("random_mini_batches_case", generation, [(X, Y, 2)])


def random_mini_batches_large_case(generation: str = LATEST) -> dict:
    """``testCases.random_mini_batches_test_case`` (every generation): ``X (12288, 148)``,
    boolean ``Y (1, 148)``, ``mini_batch_size=64``; the notebook prints the shapes and
    ``mini_batches[0][0][0][0:3]``."""
    rs = np.random.RandomState(1)
    X = rs.randn(12288, 148)
    Y = rs.randn(1, 148) < 0.5
    _check_generation(generation)
    source = SRC_2017_CASES + " (the same in every testCases.py)"
    return _result("random_mini_batches_large_case", generation, [(X, Y, 64)], source=source)


def random_mini_batches_index_case(generation: str = LATEST, explicit_seed: bool = False) -> dict:
    """Each column holds its own indices: ``X[i, j] = j * 12288 + i`` (int64, ``(12288, 148)``).

    The 2021a public test (``explicit_seed=True``) and the 2021c/2021d notebook cell that
    follows the graded cell (default seed) use it; a row-order or column-mix-up shows in
    the values.
    """
    _check_generation(generation, GENERATIONS[1:])
    n_x, m = 12288, 148
    Y = np.random.RandomState(1).randn(1, m) < 0.5
    X = np.arange(n_x * m, dtype=np.int64).reshape((m, n_x)).T
    args = (X, Y, 64, 0) if explicit_seed else (X, Y, 64)
    return _result("random_mini_batches_index_case", generation, [args])


def initialize_velocity_case(generation: str = LATEST) -> dict:
    """``(parameters,)``; shapes differ by generation (values are never used)."""
    _check_generation(generation)
    shapes = {
        "2021c": [(3, 2), (2, 1), (3, 3), (3, 1)],  # inferred from the printed zeros
        "2021d": [(3, 2), (3, 1), (3, 3), (3, 1)],
    }.get(generation, [(2, 3), (2, 1), (3, 3), (3, 1)])
    rs = np.random.RandomState(1)
    parameters = {k: rs.randn(*s) for k, s in zip(("W1", "b1", "W2", "b2"), shapes, strict=True)}
    return _result("initialize_velocity_case", generation, [(parameters,)])


def update_parameters_with_momentum_case(generation: str = LATEST) -> dict:
    """``(parameters, grads, v, beta=0.9, learning_rate=0.01)`` with ``v`` all zeros."""
    _check_generation(generation)
    parameters, grads = _parameters_and_grads(generation)
    calls = [(parameters, grads, _zeros(generation), 0.9, 0.01)]
    return _result("update_parameters_with_momentum_case", generation, calls)


def initialize_adam_case(generation: str = LATEST) -> dict:
    """``(parameters,)``: W1 (2, 3), b1 (2, 1), W2 (3, 3) or (3, 2) in 2021d, b2 (3, 1)."""
    _check_generation(generation)
    parameters, _ = _parameters_and_grads(generation)
    return _result("initialize_adam_case", generation, [(parameters,)])


def update_parameters_with_adam_case(generation: str = LATEST) -> dict:
    """``(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon)``.

    2017 and 2021a call with ``t=2`` and the defaults ``(0.01, 0.9, 0.999, 1e-8)`` (2017
    wrote ``update_parameters_with_adam(parameters, grads, v, s, t = 2)``); 2021b-d use
    ``t=2, 0.02, 0.8, 0.888, 1e-2``.  ``v`` and ``s`` are two distinct zero dicts.
    """
    _check_generation(generation)
    parameters, grads = _parameters_and_grads(generation)
    hyper = (2, 0.01, 0.9, 0.999, 1e-8) if generation in ("2017", "2021a") else (2, 0.02, 0.8, 0.888, 1e-2)
    calls = [(parameters, grads, _zeros(generation), _zeros(generation), *hyper)]
    return _result("update_parameters_with_adam_case", generation, calls)


def update_lr_case(generation: str = LATEST) -> dict:
    """``(learning_rate0, epoch_num, decay_rate)``; the exercise exists since 2021."""
    _check_generation(generation, GENERATIONS[1:])
    calls = [(1, 2, 1) if generation == "2021b" else (0.5, 2, 1)]
    return _result("update_lr_case", generation, calls)


def schedule_lr_decay_case(generation: str = LATEST) -> dict:
    """``(learning_rate0, epoch_num, decay_rate, time_interval)`` for every official call.

    2021a's calls are also those of the notebook cell of every 2021 generation.
    """
    _check_generation(generation, GENERATIONS[1:])
    by_generation: dict[str, list[tuple[float, int, float, int]]] = {
        "2021a": [(0.5, 10, 0.3, 100), (0.5, 100, 0.3, 100)],
        "2021b": [(1, 100, 1, 100), (1, 10, 1, 100)],
    }
    calls = by_generation.get(
        generation, [(0.5, 100, 1, 100), (0.5, 10, 1, 100), (0.3, 1000, 0.25, 100), (0.3, 100, 0.25, 100)]
    )
    return _result("schedule_lr_decay_case", generation, calls)


# --- recorded expected outputs --------------------------------------------------------------


def _a(rows):
    return np.array(rows, dtype=float)


_GD_3x3 = {
    "W1": _a([[1.63535156, -0.62320365, -0.53718766], [-1.07799357, 0.85639907, -2.29470142]]),
    "b1": _a([[1.74604067], [-0.75184921]]),
    "W2": _a(
        [
            [0.32171798, -0.25467393, 1.46902454],
            [-2.05617317, -0.31554548, -0.3756023],
            [1.1404819, -1.09976462, -0.1612551],
        ]
    ),
    "b2": _a([[-0.88020257], [0.02561572], [0.57539477]]),
}
_GD_3x2 = {
    "W1": _a([[1.63312395, -0.61217855, -0.5339999], [-1.06196243, 0.85396039, -2.3105546]]),
    "b1": _a([[1.73978682], [-0.77021546]]),
    "W2": _a([[0.32587637, -0.24814147], [1.47146563, -2.05746183], [-0.32772076, -0.37713775]]),
    "b2": _a([[1.13773698], [-1.09301954], [-0.16397615]]),
}

_MOMENTUM_3x3 = (
    {
        "W1": _a([[1.62544598, -0.61290114, -0.52907334], [-1.07347112, 0.86450677, -2.30085497]]),
        "b1": _a([[1.74493465], [-0.76027113]]),
        "W2": _a(
            [
                [0.31930698, -0.24990073, 1.4627996],
                [-2.05974396, -0.32173003, -0.38320915],
                [1.13444069, -1.0998786, -0.1713109],
            ]
        ),
        "b2": _a([[-0.87809283], [0.04055394], [0.58207317]]),
    },
    {
        "dW1": _a([[-0.11006192, 0.11447237, 0.09015907], [0.05024943, 0.09008559, -0.06837279]]),
        "db1": _a([[-0.01228902], [-0.09357694]]),
        "dW2": _a(
            [
                [-0.02678881, 0.05303555, -0.06916608],
                [-0.03967535, -0.06871727, -0.08452056],
                [-0.06712461, -0.00126646, -0.11173103],
            ]
        ),
        "db2": _a([[0.02344157], [0.16598022], [0.07420442]]),
    },
)
_MOMENTUM_3x2 = (
    {
        "W1": _a([[1.62522322, -0.61179863, -0.52875457], [-1.071868, 0.86426291, -2.30244029]]),
        "b1": _a([[1.74430927], [-0.76210776]]),
        "W2": _a([[0.31972282, -0.24924749], [1.46304371, -2.05987282], [-0.32294756, -0.38336269]]),
        "b2": _a([[1.1341662], [-1.09920409], [-0.171583]]),
    },
    {
        "dW1": _a([[-0.08778584, 0.00422137, 0.05828152], [-0.11006192, 0.11447237, 0.09015907]]),
        "dW2": _a([[-0.06837279, -0.01228902], [-0.09357694, -0.02678881], [0.05303555, -0.06916608]]),
        "db1": _a([[0.05024943], [0.09008559]]),
        "db2": _a([[-0.03967535], [-0.06871727], [-0.08452056]]),
    },
)


def _zero_velocity(shapes):
    return {k: np.zeros(s) for k, s in zip(("dW1", "db1", "dW2", "db2"), shapes, strict=True)}


_ZEROS_3x3 = _zero_velocity([(2, 3), (2, 1), (3, 3), (3, 1)])
_NO_EPS_FIX = (
    "computed with epsilon inside the square root; differs from the stated formula (v and s are unaffected)"
)

_MB_5x7 = [
    (
        _a(
            [
                [1.74481176, -0.52817175],
                [-0.38405435, -0.24937038],
                [-1.10061918, -0.17242821],
                [-0.93576943, 0.50249434],
                [-0.67124613, -0.69166075],
            ]
        ),
        np.array([[True, True]]),
    ),
    (
        _a(
            [
                [-0.61175641, -1.07296862],
                [0.3190391, 1.46210794],
                [-1.09989127, -0.87785842],
                [0.90159072, 0.90085595],
                [0.53035547, -0.39675353],
            ]
        ),
        np.array([[True, False]]),
    ),
    (
        _a(
            [
                [1.62434536, -2.3015387],
                [-0.7612069, -0.3224172],
                [1.13376944, 0.58281521],
                [1.14472371, -0.12289023],
                [-0.26788808, -0.84520564],
            ]
        ),
        np.array([[True, True]]),
    ),
    (_a([[0.86540763], [-2.06014071], [0.04221375], [-0.68372786], [-0.6871727]]), np.array([[False]])),
]
_MB_7x3 = [
    (
        _a(
            [
                [-0.52817175, -0.61175641],
                [-2.3015387, 0.86540763],
                [0.3190391, -0.7612069],
                [-2.06014071, 1.46210794],
                [1.13376944, -0.38405435],
                [-0.87785842, -0.17242821],
                [-1.10061918, 0.58281521],
            ]
        ),
        np.array([[False, False]]),
    ),
    (
        _a(
            [
                [1.62434536],
                [-1.07296862],
                [1.74481176],
                [-0.24937038],
                [-0.3224172],
                [-1.09989127],
                [0.04221375],
            ]
        ),
        np.array([[False]]),
    ),
]
_MB_LARGE = {
    "shapes": [((12288, 64), (1, 64)), ((12288, 64), (1, 64)), ((12288, 20), (1, 20))],
    "mini_batches[0][0][0][0:3]": _a([0.90085595, -0.7612069, 0.2344157]),
}
_MB_INDEX = {
    "shapes": [((12288, 64), (1, 64)), ((12288, 64), (1, 64)), ((12288, 20), (1, 20))],
    "mini_batches[0][0][0][0:3]": _a([294912, 86016, 454656]),
    "mini_batches[1][0][-1][0:3]": _a([172031, 1290239, 1474559]),
    "mini_batches[2][0][-1][0:3]": _a([1425407, 1769471, 897023]),
}

_ADAM_2017 = {
    "parameters": {
        "W1": _a([[1.63178673, -0.61919778, -0.53561312], [-1.08040999, 0.85796626, -2.29409733]]),
        "b1": _a([[1.75225313], [-0.75376553]]),
        "W2": _a(
            [
                [0.32648046, -0.25681174, 1.46954931],
                [-2.05269934, -0.31497584, -0.37661299],
                [1.14121081, -1.09245036, -0.16498684],
            ]
        ),
        "b2": _a([[-0.88529978], [0.03477238], [0.57537385]]),
    },
    "v": _MOMENTUM_3x3[1],
    "s": {
        "dW1": _a([[0.00121136, 0.00131039, 0.00081287], [0.0002525, 0.00081154, 0.00046748]]),
        "db1": _a([[1.51020075e-05], [8.75664434e-04]]),
        "dW2": _a(
            [
                [7.17640232e-05, 2.81276921e-04, 4.78394595e-04],
                [1.57413361e-04, 4.72206320e-04, 7.14372576e-04],
                [4.50571368e-04, 1.60392066e-07, 1.24838242e-03],
            ]
        ),
        "db2": _a([[5.49507194e-05], [2.75494327e-03], [5.50629536e-04]]),
    },
}
_ADAM_2021A = {
    "parameters": {
        **_ADAM_2017["parameters"],
        "W2": _a(
            [
                [0.32648046, -0.25681174, 1.46954931],
                [-2.05269934, -0.31497584, -0.37661299],
                [1.14121081, -1.09244991, -0.16498684],
            ]
        ),
        "b2": _a([[-0.88529979], [0.03477238], [0.57537385]]),
    }
}
_ADAM_2021B = {
    "parameters": {
        "W1": _a([[1.63949493, -0.62691477, -0.54326465], [-1.08769515, 0.85031501, -2.28657079]]),
        "b1": _a([[1.7549895], [-0.7461017]]),
        "W2": _a(
            [
                [0.33262355, -0.26414959, 1.47708248],
                [-2.0457142, -0.30744639, -0.36898502],
                [1.14872646, -1.09849003, -0.15727519],
            ]
        ),
        "b2": _a([[-0.89102966], [0.02699863], [0.56780324]]),
    },
    "v": {
        "dW1": _a([[-0.22012384, 0.22894474, 0.18031814], [0.10049887, 0.18017119, -0.13674557]]),
        "dW2": _a(
            [
                [-0.05357762, 0.10607109, -0.13833215],
                [-0.07935071, -0.13743454, -0.16904113],
                [-0.13424923, -0.00253292, -0.22346207],
            ]
        ),
        "db1": _a([[-0.02457805], [-0.18715389]]),
        "db2": _a([[0.04688314], [0.33196044], [0.14840883]]),
    },
    "s": {
        "dW1": _a([[0.13567261, 0.14676395, 0.09104097], [0.02828006, 0.09089264, 0.05235818]]),
        "dW2": _a(
            [
                [0.00803757, 0.03150302, 0.05358019],
                [0.0176303, 0.05288711, 0.08000973],
                [5.04639932e-02, 1.79639114e-05, 1.39818830e-01],
            ]
        ),
        "db1": _a([[0.00169142], [0.09807442]]),
        "db2": _a([[0.00615448], [0.30855365], [0.06167051]]),
    },
}
_ADAM_2021C_ROW0 = {  # the test also checks v_corrected = v / (1 - beta1**t), s_corrected likewise
    "v": {
        "dW1": _a([-0.22012384, 0.22894474, 0.18031814]),
        "dW2": _a([-0.05357762, 0.10607109, -0.13833215]),
        "db1": _a([-0.02457805]),
        "db2": _a([0.04688314]),
    },
    "s": {
        "dW1": _a([0.13567261, 0.14676395, 0.09104097]),
        "dW2": _a([8.03757060e-03, 3.15030152e-02, 5.35801947e-02]),
        "db1": _a([0.00169142]),
        "db2": _a([0.00615448]),
    },
    "parameters": {
        "W1": _a([1.63942428, -0.6268425, -0.54320974]),
        "W2": _a([0.33356139, -0.26425199, 1.47707772]),
        "b1": _a([1.75854357]),
        "b2": _a([-0.89228024]),
    },
}
_ADAM_2021C_NOTEBOOK = {
    "W1": _a([[1.63942428, -0.6268425, -0.54320974], [-1.08782943, 0.85036983, -2.2865723]]),
    "W2": _a(
        [
            [0.33356139, -0.26425199, 1.47707772],
            [-2.04538458, -0.30744933, -0.36903141],
            [1.14873036, -1.09256871, -0.15734651],
        ]
    ),
    "b1": _a([[1.75854357], [-0.74616067]]),
    "b2": _a([[-0.89228024], [0.02707193], [0.56782561]]),
}
_ADAM_2021D_ROW0 = {
    "v": {
        "dW1": _a([-0.17557168, 0.00844275, 0.11656304]),
        "dW2": _a([-0.13674557, -0.02457805]),
        "db1": _a([0.10049887]),
        "db2": _a([-0.07935071]),
    },
    "s": {
        "dW1": _a([0.08631117, 0.00019958, 0.03804344]),
        "dW2": _a([0.05235818, 0.00169142]),
        "db1": _a([0.02828006]),
        "db2": _a([0.0176303]),
    },
    "parameters": {
        "W1": _a([1.63937725, -0.62327448, -0.54308727]),
        "W2": _a([0.33400549, -0.23563857]),
        "b1": _a([1.72995096]),
        "b2": _a([1.14852557]),
    },
}
_ADAM_2021D_NOTEBOOK = {
    "W1": _a([[1.63937725, -0.62327448, -0.54308727], [-1.0578897, 0.85032154, -2.31657668]]),
    "W2": _a([[0.33400549, -0.23563857], [1.47715417, -2.04561842], [-0.33729882, -0.36908457]]),
    "b1": _a([[1.72995096], [-0.7762447]]),
    "b2": _a([[1.14852557], [-1.08492339], [-0.15740527]]),
}

_ROW0 = "the official check compares row 0 of each array, and only the keys returned"

EXPECTED = {
    "update_parameters_with_gd": {
        "2017": _printed("update_parameters_with_gd_case", "2017", _GD_3x3, SRC_2017_OUT),
        "2021a": _allclose("update_parameters_with_gd_case", "2021a", _GD_3x3, SRC_2021A),
        "2021b": _almost_equal("update_parameters_with_gd_case", "2021b", _GD_3x3, SRC_2021B),
        "2021c": _allclose("update_parameters_with_gd_case", "2021c", _GD_3x3, SRC_2021C),
        "2021d": _allclose("update_parameters_with_gd_case", "2021d", _GD_3x2, SRC_2021D),
    },
    "random_mini_batches": {
        "2017": _printed("random_mini_batches_large_case", "2017", _MB_LARGE, SRC_2017_OUT),
        "2021a": _allclose("random_mini_batches_case", "2021a", _MB_INDEX, SRC_2021A),
        "2021b": _almost_equal("random_mini_batches_case", "2021b", _MB_7x3, SRC_2021B),
        "2021c": _almost_equal("random_mini_batches_case", "2021c", _MB_5x7, SRC_2021C),
        "2021d": _almost_equal("random_mini_batches_case", "2021d", _MB_5x7, SRC_2021D),
        "2021d:notebook": _allclose(
            "random_mini_batches_index_case",
            "2021d",
            {
                k: _MB_INDEX[k]
                for k in ("shapes", "mini_batches[0][0][0][0:3]", "mini_batches[2][0][-1][0:3]")
            },
            SRC_2021D,
            note="notebook cell after the graded cell (2021c too); it asserts mini_batches[-1]",
        ),
    },
    "initialize_velocity": {
        "2017": _printed("initialize_velocity_case", "2017", _ZEROS_3x3, SRC_2017_OUT),
        "2021a": _allclose("initialize_velocity_case", "2021a", _ZEROS_3x3, SRC_2021A),
        "2021b": _almost_equal("initialize_velocity_case", "2021b", _ZEROS_3x3, SRC_2021B),
        "2021c": _almost_equal(
            "initialize_velocity_case", "2021c", _zero_velocity([(3, 2), (2, 1), (3, 3), (3, 1)]), SRC_2021C
        ),
        "2021d": _almost_equal(
            "initialize_velocity_case", "2021d", _zero_velocity([(3, 2), (3, 1), (3, 3), (3, 1)]), SRC_2021D
        ),
    },
    "update_parameters_with_momentum": {
        "2017": _printed("update_parameters_with_momentum_case", "2017", _MOMENTUM_3x3, SRC_2017_OUT),
        "2021a": _allclose("update_parameters_with_momentum_case", "2021a", _MOMENTUM_3x3, SRC_2021A),
        "2021b": _almost_equal("update_parameters_with_momentum_case", "2021b", _MOMENTUM_3x3, SRC_2021B),
        "2021c": _almost_equal("update_parameters_with_momentum_case", "2021c", _MOMENTUM_3x3, SRC_2021C),
        "2021d": _almost_equal("update_parameters_with_momentum_case", "2021d", _MOMENTUM_3x2, SRC_2021D),
    },
    "initialize_adam": {
        "2017": _printed("initialize_adam_case", "2017", (_ZEROS_3x3, _ZEROS_3x3), SRC_2017_OUT),
        "2021a": _allclose("initialize_adam_case", "2021a", (_ZEROS_3x3, _ZEROS_3x3), SRC_2021A),
        "2021b": _almost_equal("initialize_adam_case", "2021b", (_ZEROS_3x3, _ZEROS_3x3), SRC_2021B),
        "2021c": _almost_equal("initialize_adam_case", "2021c", (_ZEROS_3x3, _ZEROS_3x3), SRC_2021C),
        "2021d": _almost_equal(
            "initialize_adam_case",
            "2021d",
            (_zero_velocity([(2, 3), (2, 1), (3, 2), (3, 1)]),) * 2,
            SRC_2021D,
        ),
    },
    "update_parameters_with_adam": {
        "2017": _printed(
            "update_parameters_with_adam_case",
            "2017",
            _ADAM_2017,
            SRC_2017_OUT,
            ground_truth=False,
            note=_NO_EPS_FIX,
        ),
        "2021a": _allclose("update_parameters_with_adam_case", "2021a", _ADAM_2021A, SRC_2021A),
        "2021b": _almost_equal(
            "update_parameters_with_adam_case",
            "2021b",
            _ADAM_2021B,
            SRC_2021B,
            ground_truth=False,
            note=_NO_EPS_FIX,
        ),
        "2021c": _allclose(
            "update_parameters_with_adam_case",
            "2021c",
            _ADAM_2021C_ROW0,
            SRC_2021C,
            first_row_only=True,
            note=_ROW0,
        ),
        "2021c:notebook": _printed(
            "update_parameters_with_adam_case",
            "2021c",
            {"parameters": _ADAM_2021C_NOTEBOOK},
            SRC_2021C,
            note="the notebook's 'Expected values' markdown",
        ),
        "2021d": _allclose(
            "update_parameters_with_adam_case",
            "2021d",
            _ADAM_2021D_ROW0,
            SRC_2021D,
            first_row_only=True,
            note=_ROW0,
        ),
        "2021d:notebook": _printed(
            "update_parameters_with_adam_case",
            "2021d",
            {"parameters": _ADAM_2021D_NOTEBOOK},
            SRC_2021D,
            note="the notebook's 'Expected values' markdown",
        ),
    },
    "update_lr": {
        "2021a": Expected("update_lr_case", "2021a", 0.16666666666666666, "equal", source=SRC_2021A),
        "2021b": Expected("update_lr_case", "2021b", 0.3333333333333333, "equal", source=SRC_2021B),
        "2021c": _allclose("update_lr_case", "2021c", 0.16666666666666666, SRC_2021C),
        "2021d": _allclose("update_lr_case", "2021d", 0.16666666666666666, SRC_2021D),
    },
    "schedule_lr_decay": {  # one value per entry of the case's "calls"
        "2021a": _allclose(
            "schedule_lr_decay_case",
            "2021a",
            [0.5, 0.3846153846153846],
            SRC_2021A,
            note="also the notebook cell's 'Expected output' in every 2021 generation",
        ),
        "2021b": Expected("schedule_lr_decay_case", "2021b", [0.5, 1], "equal", source=SRC_2021B),
        "2021c": _allclose("schedule_lr_decay_case", "2021c", [0.25, 0.5, 0.085714285, 0.24], SRC_2021C),
        "2021d": _allclose("schedule_lr_decay_case", "2021d", [0.25, 0.5, 0.085714285, 0.24], SRC_2021D),
    },
}
