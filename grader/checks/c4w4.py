r"""Checks for course 4 week 4: the triplet loss and the costs of neural style transfer.

Each class grades one function of :mod:`reference.face_style`.  Besides matching the
reference on random inputs, the checks test what the notebooks teach, on inputs built so
the answer is known:

* **Triplet loss**: the course's own six examples; a negative farther than the positive by
  more than alpha costs nothing; each example is clipped at zero before the sum; repeating
  the batch doubles the loss (a sum, not a mean); distances run over the last axis; the
  labels ``y_true`` are ignored.  Encodings are small (d <= 8), not 128.
* **Verification as classification**: the logistic unit on |f_i - f_j| and on the
  chi-square comparison, against the reference; symmetric in the two images; identical
  encodings give sigmoid(b); its gradients against central differences of the mean
  cross-entropy.  ``verification_gradients`` builds on ``verification_probability``.
* **Content cost**: activations that differ by +-1 everywhere cost exactly 1/4, whatever
  the shape (the normalization ``4 n_H n_W n_C``).
* **Gram matrix**: shape (n_C, n_C) for a wide A, the course's worked values.
* **Layer style cost**: shuffling the pixels of an image changes no Gram matrix, so the
  cost of a pixel-shuffled copy is zero -- unless the activations are unrolled with a
  direct reshape to (n_C, n_H n_W), the classic mistake; a zero style against an all-ones
  image costs exactly 1/4 (the normalization ``4 n_C^2 (n_H n_W)^2``).

``compute_layer_style_cost`` calls ``gram_matrix``: while its checks run it, that block is
the reference's, answered by the judge (``Assignment.builds_on``, :mod:`grader.boundary.blocks`), so
the cost is simply compared with the reference's; a wrong or unfinished Gram matrix costs
points in ``gram_matrix`` only and never excuses the cost built on it.

Every input is in the course's domain (one image, m = 1, as the notebook's; encodings of
any batch size, one-dimensional ones included, as the course's own examples): no edge case
the course never tests is drawn, so none needs a check of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.checks import c4w4_mistakes as mistakes
from grader.judge.compare import (
    REFERENCE,
    CheckFailed,
    Tolerance,
    expect_number,
    expect_parts,
    expect_same,
    on,
)
from grader.judge.judging import (
    Mistake,
    expect_like_reference,
    fresh,
    identified,
    judged,
    outcomes,
    recognised,
    unwrap,
)
from grader.judge.numerical import numerical_gradient
from grader.judge.strategies import Case, Sampled, Values, batches, sample_seed, sample_value
from reference import face_style as ref

ALPHAS = (0.2, 0.5, 1.0, 2.0)


def expect_cost(got: object, expected: float, what: str, tol: Tolerance = REFERENCE) -> None:
    """A number (a 0-d float array, what ``np.sum`` of an array can give, counts as one)."""
    if type(got) is np.ndarray and got.shape == () and got.dtype.kind == "f":
        got = got[()]
    expect_number(got, float(expected), what, tol)


def expect_cost_or_same(got: object, expected: object, what: str) -> None:
    if isinstance(expected, np.ndarray):
        expect_same(got, expected, what)
    else:
        expect_cost(got, expected, what)  # type: ignore[arg-type]


def expect_like(function, reference: Callable, cases: Sequence[Case], what: str,
                known: Sequence[Mistake] = ()) -> None:  # fmt: skip
    """Each student result must equal the reference's; a wrong one is matched with the ``known`` mistakes."""
    for case, got in judged(function, cases):
        with on(case.description):
            try:
                expect_cost_or_same(got, reference(*fresh(case.args)), what)
            except CheckFailed as failure:
                raise identified(
                    failure, got, case.args, known, lambda g, e: expect_cost_or_same(g, e, what)
                ) from None


# --------------------------------------------------------------------------- triplet loss


def _row_norms(v: np.ndarray) -> np.ndarray:
    return np.sum(np.square(v), axis=-1, keepdims=True)


def _triplet_case(m: int, d: int, alpha: float, seed: int, pattern: str) -> Case:
    r"""Encodings (m, d) with a chosen hinge per example.

    ``random``: positive and negative at random distances; ``inactive``: every negative
    farther than its positive by alpha plus a margin in [0.05, 1]; ``active``: every
    negative closer than its positive; ``mixed``: active and inactive examples alternate,
    the inactive ones with margins in [1, 3].
    """
    rng = np.random.default_rng(seed)
    anchor = rng.standard_normal((m, d))
    if pattern == "random":
        positive = anchor + rng.uniform(0.1, 1.0, (m, 1)) * rng.standard_normal((m, d))
        negative = anchor + rng.uniform(0.1, 1.0, (m, 1)) * rng.standard_normal((m, d))
    else:
        positive = anchor + 0.3 * rng.standard_normal((m, d))
        direction = rng.standard_normal((m, d))
        direction /= np.sqrt(_row_norms(direction))
        pos_dist = _row_norms(positive - anchor)
        margins = rng.uniform(1.0, 3.0, (m, 1)) if pattern == "mixed" else rng.uniform(0.05, 1.0, (m, 1))
        far = anchor + direction * np.sqrt(pos_dist + alpha + margins)
        near = anchor + direction * np.sqrt(pos_dist * rng.uniform(0.0, 0.9, (m, 1)))
        active = {"inactive": np.zeros(m, bool), "active": np.ones(m, bool), "mixed": np.arange(m) % 2 == 0}[
            pattern
        ]
        negative = np.where(active[:, None], near, far)
    return Case(
        (None, (anchor, positive, negative), alpha),
        f"anchor, positive, negative of shape {(m, d)} ({pattern} margins), alpha={alpha:g}",
    )


def triplet_cases(pattern: str, min_m: int = 1, wide: bool = False) -> Sampled[Case]:
    """m in ``min_m``..6, d in 2..8; ``wide``: d in m + 1..m + 4, so the encoding axis and the
    batch axis cannot be confused."""

    def sample(rng: np.random.Generator) -> Case:
        m = int(rng.integers(min_m, 7))
        d = int(rng.integers(m + 1, m + 5)) if wide else int(rng.integers(2, 9))
        return _triplet_case(m, d, float(sample_value(rng, ALPHAS)), sample_seed(rng), pattern)

    return Sampled(sample)


def _course_case(anchor: list, positive: list, negative: list, alpha: float) -> Case:
    arrays = tuple(np.array(v, dtype=float) for v in (anchor, positive, negative))
    return Case(
        ((None, None, None), arrays, alpha),
        f"the course's example anchor={anchor}, positive={positive}, negative={negative}, alpha={alpha:g}",
    )


COURSE_TRIPLETS = [  # Face_Recognition.ipynb, the tests after triplet_loss (2021+)
    _course_case([1.0, 1.0], [1.0, 1.0], [1.0, 1.0], 5),
    _course_case([1.0, 1.0], [1.0, 1.0], [0.0, 0.0], 3),
    _course_case([1.0, 1.0], [0.0, 0.0], [1.0, 1.0], 0),
    _course_case([0.0, 0.0], [0.0, 0.0], [0.0, 0.0], -2),
    _course_case([[1.0, 0.0], [1.0, 0.0]], [[1.0, 0.0], [1.0, 0.0]], [[0.0, 1.0], [0.0, 1.0]], 3),
    _course_case([[1.0, 1.0], [2.0, 0.0]], [[0.0, 3.0], [1.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]], 1),
]


def expect_triplet(student, cases: list[Case]) -> None:
    expect_like(student.triplet_loss, ref.triplet_loss, cases, "loss", mistakes.TRIPLET_LOSS)


@pytest.mark.exercise("triplet_loss")
class CheckTripletLoss:
    @pytest.mark.points(5)
    @pytest.mark.hint("pos_dist = np.sum(np.square(anchor - positive), axis=-1), neg_dist likewise; "
                      "loss = np.sum(np.maximum(pos_dist - neg_dist + alpha, 0.0))")  # fmt: skip
    def check_course_examples(self, student):
        expect_triplet(student, COURSE_TRIPLETS)

    @pytest.mark.points(5)
    @pytest.mark.hint("loss = np.sum(np.maximum(pos_dist - neg_dist + alpha, 0.0)) with squared distances "
                      "summed over axis=-1")  # fmt: skip
    @given(batch=batches(triplet_cases("random")))
    def check_matches_reference(self, student, batch):
        expect_triplet(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.needs("check_matches_reference")  # a loss of 0 for everything has this property too
    @pytest.mark.hint("an example whose negative is farther than its positive by more than alpha costs "
                      "nothing: take np.maximum(basic_loss, 0.0)")  # fmt: skip
    @given(batch=batches(triplet_cases("inactive")))
    def check_zero_when_every_negative_is_farther_by_alpha(self, student, batch):
        expect_triplet(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("clip EACH example at zero, then sum: np.sum(np.maximum(basic_loss, 0.0)); "
                      "an easy triplet must not cancel a hard one")  # fmt: skip
    @given(batch=batches(triplet_cases("mixed", min_m=2)))
    def check_each_example_is_clipped_before_the_sum(self, student, batch):
        expect_triplet(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint("the loss is the SUM over the examples (tf.reduce_sum / np.sum), not the mean")
    @given(batch=batches(triplet_cases("active", min_m=2)))
    def check_sums_over_the_batch(self, student, batch):
        doubled = [Case((None, tuple(np.concatenate([v, v]) for v in c.args[1]), c.args[2]),
                        f"{c.description}, every triplet twice") for c in batch]  # fmt: skip
        expect_triplet(student, [*batch, *doubled])

    @pytest.mark.points(2)
    @pytest.mark.hint("sum the squared differences over the last axis (axis=-1): one distance per example")
    @given(batch=batches(triplet_cases("active", min_m=2, wide=True)))
    def check_distances_over_the_last_axis(self, student, batch):
        expect_triplet(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint("y_true is not used: take anchor, positive, negative from y_pred")
    @given(batch=batches(triplet_cases("random"), size=5))
    def check_ignores_y_true(self, student, batch):
        labelled = [Case((tuple(np.random.default_rng(i).standard_normal(v.shape) for v in c.args[1]),
                          c.args[1], c.args[2]), f"{c.description}, y_true random arrays of the same shapes")
                    for i, c in enumerate(batch)]  # fmt: skip
        expect_triplet(student, labelled)


# --------------------------------------------------------------------------- verification as classification

#: Central differences of the verification cost: the step, and the agreement asked of the gradient.
GRADIENT_EPSILON = 1e-6
GRADIENT_TOLERANCE = Tolerance(rtol=1e-5, atol=1e-8)
DISTANCES = ("absolute", "chi_square")


def _encodings(m: int, d: int, distance: str, rng: np.random.Generator) -> np.ndarray:
    """Encodings (m, d): Gaussian, or for chi-square their absolute values with about a
    fifth of the entries exactly 0 (non-negative, as chi-square needs)."""
    f = rng.standard_normal((m, d))
    if distance == "chi_square":
        f = np.abs(f)
        f[rng.random((m, d)) < 0.2] = 0.0
    return f


def _pair_case(
    m: int, d: int, distance: str, seed: int, identical: bool = False, default: bool = False
) -> Case:
    """``(f_i, f_j, w, b[, distance])``; chi-square pairs share some zero entries (0 / 0 is 0)."""
    rng = np.random.default_rng(seed)
    f_i = _encodings(m, d, distance, rng)
    f_j = f_i.copy() if identical else _encodings(m, d, distance, rng)
    if distance == "chi_square" and not identical:
        both = rng.random((m, d)) < 0.15
        f_i[both], f_j[both] = 0.0, 0.0
    w, b = rng.standard_normal((d, 1)) / np.sqrt(d), float(rng.uniform(-2, 2))
    same = ", f_j = f_i" if identical else ""
    if default:
        return Case(
            (f_i, f_j, w, b), f"encodings f_i, f_j of shape {(m, d)}{same}, b={b:.4g} (distance left out)"
        )
    return Case((f_i, f_j, w, b, distance), f"encodings f_i, f_j of shape {(m, d)}{same}, b={b:.4g}, "
                f"distance={distance!r}")  # fmt: skip


def pair_cases(distances: Values = DISTANCES, identical: bool = False) -> Sampled[Case]:
    """m in 1..6, d in 1..8, a distance of ``distances``; half the absolute ones leave it out."""

    def sample(rng: np.random.Generator) -> Case:
        m, d = int(rng.integers(1, 7)), int(rng.integers(1, 9))
        distance, seed, default = str(sample_value(rng, distances)), sample_seed(rng), bool(rng.integers(2))
        return _pair_case(m, d, distance, seed, identical, default and distance == "absolute")

    return Sampled(sample)


def _labelled(case: Case) -> Case:
    """The pair case with labels ``y`` (m, 1) of 0 and 1, inserted before ``w``."""
    f_i, f_j, *rest = case.args
    y = np.random.default_rng(int(abs(f_i.sum()) * 1e6) % 2**32).integers(0, 2, (f_i.shape[0], 1))
    return Case((f_i, f_j, y, *rest), f"{case.description}, labels y of shape {y.shape}")


def labelled_cases(distances: Values = DISTANCES) -> Sampled[Case]:
    pairs = pair_cases(distances).sample
    return Sampled(lambda rng: _labelled(pairs(rng)))


def expect_probabilities(student, cases: Sequence[Case]) -> None:
    expect_like_reference(student.verification_probability, ref.verification_probability, cases, "y_hat",
                          mistakes=mistakes.VERIFICATION_PROBABILITY)  # fmt: skip


@pytest.mark.exercise("verification_probability")
class CheckVerificationProbability:
    @pytest.mark.points(4)
    @pytest.mark.hint("phi = np.abs(f_i - f_j) of shape (m, d); y_hat = 1 / (1 + np.exp(-(np.dot(phi, w) + b))) "
                      "of shape (m, 1)")  # fmt: skip
    @given(batch=batches(pair_cases(("absolute",))))
    def check_absolute_difference(self, student, batch):
        expect_probabilities(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("chi-square: phi = (f_i - f_j)**2 / (f_i + f_j), with 0 where f_i + f_j == 0 "
                      "(np.divide(..., where=total != 0))")  # fmt: skip
    @given(batch=batches(pair_cases(("chi_square",))))
    def check_chi_square(self, student, batch):
        expect_probabilities(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("the comparison must not depend on the order of the images: |f_i - f_j| and "
                      "(f_i - f_j)**2 / (f_i + f_j) are symmetric, f_i - f_j is not")  # fmt: skip
    @pytest.mark.needs("check_absolute_difference")  # a constant is symmetric too
    @given(batch=batches(pair_cases(DISTANCES), size=5))
    def check_symmetric_in_the_two_images(self, student, batch):
        swapped = [Case((c.args[1], c.args[0], *c.args[2:]), "") for c in batch]
        results = outcomes(student.verification_probability, batch + swapped)
        for i, case in enumerate(batch):
            with on(f"{case.description}, then f_i and f_j swapped"):
                expect_same(unwrap(results[len(batch) + i]), unwrap(results[i]),
                            "y_hat(f_j, f_i) against your y_hat(f_i, f_j)")  # fmt: skip

    @pytest.mark.points(3)
    @pytest.mark.hint("two identical encodings compare to phi = 0, so y_hat = sigmoid(b) for every pair "
                      "(with chi-square, 0 / 0 entries count as 0)")  # fmt: skip
    @given(batch=batches(pair_cases(DISTANCES, identical=True)))
    def check_identical_encodings_give_sigmoid_of_the_bias(self, student, batch):
        for case, value in judged(student.verification_probability, batch):
            with on(case.description):
                m, b = case.args[0].shape[0], case.args[3]
                expected = np.full((m, 1), 1 / (1 + np.exp(-b)))
                try:
                    expect_same(
                        value, expected, f"y_hat, expected sigmoid(b) = {expected[0, 0]:.6g} for every pair"
                    )
                except CheckFailed as failure:
                    raise recognised(failure, value, case.args, mistakes.VERIFICATION_PROBABILITY, expect_same,
                                     "y_hat", REFERENCE) from None  # fmt: skip


def expect_gradient_pair(got: object, expected: tuple, what: str, tol: Tolerance = REFERENCE) -> None:
    """``(dw, db)``: dw an array like the reference's, db a number (a 0-d float array counts as one)."""
    dw, db = expect_parts(got, ("dw", "db"), what=what)
    expect_same(dw, expected[0], "dw", tol)
    expect_cost(db, expected[1], "db", tol)


def verification_cost(f_i, f_j, y, w, b, distance="absolute") -> float:
    """The mean cross-entropy of the unit (judge-side), from the logit z: -log sigmoid(z) =
    log(1 + e^{-z}) by ``np.logaddexp``, exact where 1 - y_hat would round away."""
    z = np.dot(mistakes.comparison(f_i, f_j, distance), w) + b  # (m, 1)
    return float(np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)))


def numerical_gradients(f_i, f_j, y, w, b, distance="absolute") -> tuple[np.ndarray, float]:
    """Central differences of :func:`verification_cost` in ``w`` and in ``b`` (judge-side)."""
    dw = numerical_gradient(lambda shifted: verification_cost(f_i, f_j, y, shifted, b, distance), w,
                            GRADIENT_EPSILON)  # fmt: skip
    db = numerical_gradient(lambda shifted: verification_cost(f_i, f_j, y, w, float(shifted), distance),
                            np.array(float(b)), GRADIENT_EPSILON)  # fmt: skip
    return dw, float(db)


@pytest.mark.exercise("verification_gradients")
class CheckVerificationGradients:
    @pytest.mark.points(6)
    @pytest.mark.hint("dw = np.dot(phi.T, y_hat - y) / m of shape (d, 1), db = np.sum(y_hat - y) / m, with phi "
                      "the same comparison verification_probability uses")  # fmt: skip
    @given(batch=batches(labelled_cases(DISTANCES)))
    def check_values(self, student, batch):
        expect_like_reference(student.verification_gradients, ref.verification_gradients, batch, "(dw, db)",
                              compare=expect_gradient_pair, mistakes=mistakes.VERIFICATION_GRADIENTS)  # fmt: skip

    @pytest.mark.points(6)
    @pytest.mark.hint("(dw, db) must be the derivatives of the MEAN cross-entropy of sigmoid(phi w + b): "
                      "compare with (J(w + eps) - J(w - eps)) / (2 eps)")  # fmt: skip
    @given(batch=batches(labelled_cases(DISTANCES), size=5))
    def check_matches_central_differences(self, student, batch):
        for case, value in judged(student.verification_gradients, batch):
            with on(case.description):
                try:
                    expect_gradient_pair(
                        value, numerical_gradients(*case.args), "(dw, db)", GRADIENT_TOLERANCE
                    )
                except CheckFailed as failure:
                    raise CheckFailed(f"{failure}, against central differences of the mean cross-entropy "
                                      f"(step {GRADIENT_EPSILON:g})") from None  # fmt: skip


# --------------------------------------------------------------------------- content cost


def activations(n_H: int, n_W: int, n_C: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((1, n_H, n_W, n_C))


def sample_shape(rng: np.random.Generator) -> tuple[int, int, int]:
    """``(n_H, n_W, n_C)``: n_H, n_W in 1..4, n_C in 1..5."""
    return int(rng.integers(1, 5)), int(rng.integers(1, 5)), int(rng.integers(1, 6))


def content_cases(unit: bool) -> Sampled[Case]:
    return Sampled(lambda rng: _content_case(sample_shape(rng), sample_seed(rng), unit))


def _content_case(shape: tuple[int, int, int], seed: int, unit: bool) -> Case:
    a_C = activations(*shape, seed)
    if unit:
        signs = np.random.default_rng(seed + 1).choice([-1.0, 1.0], a_C.shape)
        return Case((a_C, a_C + signs), f"a_C of shape {a_C.shape}, a_G = a_C + 1 or - 1 in every entry")
    return Case((a_C, activations(*shape, seed + 1)), f"a_C, a_G of shape {a_C.shape}")


@pytest.mark.exercise("compute_content_cost")
class CheckComputeContentCost:
    @pytest.mark.points(8)
    @pytest.mark.hint("J_content = np.sum(np.square(a_C - a_G)) / (4 * n_H * n_W * n_C)")
    @given(batch=batches(content_cases(unit=False)))
    def check_matches_reference(self, student, batch):
        expect_like(
            student.compute_content_cost, ref.compute_content_cost, batch, "J_content", mistakes.CONTENT_COST
        )

    @pytest.mark.points(4)
    @pytest.mark.hint("square each difference, sum, and divide by 4 * n_H * n_W * n_C: a difference of 1 "
                      "everywhere costs 1/4 whatever the shape")  # fmt: skip
    @given(batch=batches(content_cases(unit=True)))
    def check_a_difference_of_one_everywhere_costs_a_quarter(self, student, batch):
        expect_like(
            student.compute_content_cost, ref.compute_content_cost, batch, "J_content", mistakes.CONTENT_COST
        )


# --------------------------------------------------------------------------- gram matrix


def _gram_case(n_C: int, columns: int, seed: int) -> Case:
    A = np.random.default_rng(seed).standard_normal((n_C, columns))
    return Case((A,), f"A of shape {A.shape}")


def gram_cases(wide: bool = False) -> Sampled[Case]:
    """A of shape (n_C, columns): n_C in 1..5 and columns in 1..12, or ``wide``: n_C in 1..4
    and columns in n_C + 1..12."""

    def sample(rng: np.random.Generator) -> Case:
        n_C = int(rng.integers(1, 5 if wide else 6))
        return _gram_case(n_C, int(rng.integers(n_C + 1 if wide else 1, 13)), sample_seed(rng))

    return Sampled(sample)


GRAM_EXAMPLES = [
    Case(
        (np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]),),
        "A = [[1, 2, 3], [4, 5, 6]] (G = [[14, 32], [32, 77]])",
    ),
    Case((np.array([[1.0, 2.0], [3.0, 4.0]]),), "A = [[1, 2], [3, 4]] (G = [[5, 11], [11, 25]])"),
    Case((np.array([[2.0, -1.0, 0.0, 1.0]]),), "A = [[2, -1, 0, 1]] (G = [[6]])"),
]


def expect_gram(student, cases: list[Case]) -> None:
    expect_like(student.gram_matrix, ref.gram_matrix, cases, "GA", mistakes.GRAM_MATRIX)


@pytest.mark.exercise("gram_matrix")
class CheckGramMatrix:
    @pytest.mark.points(4)
    @pytest.mark.hint("A has one row per channel: GA = np.dot(A, A.T) has shape (n_C, n_C)")
    @given(batch=batches(gram_cases(wide=True)))
    def check_shape_is_channels_by_channels(self, student, batch):
        expect_gram(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("GA[i, j] = sum over k of A[i, k] * A[j, k]: np.dot(A, A.T), without normalization")
    def check_worked_examples(self, student):
        expect_gram(student, GRAM_EXAMPLES)

    @pytest.mark.points(4)
    @pytest.mark.hint("GA = np.dot(A, A.T)")
    @given(batch=batches(gram_cases()))
    def check_matches_reference(self, student, batch):
        expect_gram(student, batch)


# --------------------------------------------------------------------------- layer style cost


def _style_case(n_H: int, n_W: int, n_C: int, seed: int, kind: str) -> Case:
    shape = (1, n_H, n_W, n_C)
    if kind == "quarter":
        return Case((np.zeros(shape), np.ones(shape)), f"a_S zeros and a_G ones of shape {shape}")
    a_S = activations(n_H, n_W, n_C, seed)
    if kind == "random":
        return Case((a_S, activations(n_H, n_W, n_C, seed + 1)), f"a_S, a_G of shape {shape}")
    order = np.random.default_rng(seed + 1).permutation(n_H * n_W)
    if np.array_equal(order, np.arange(n_H * n_W)):
        order = np.roll(order, 1)
    a_G = a_S.reshape(n_H * n_W, n_C)[order].reshape(shape)
    return Case((a_S, a_G), f"a_S of shape {shape} and a_G the same pixels in another order "
                            f"(pixel p of a_G is pixel {[int(i) for i in order]}[p] of a_S)")  # fmt: skip


def style_cases(kind: str) -> Sampled[Case]:
    """At least two channels and two pixels (with one of either, every unrolling agrees):
    n_H, n_W in 1..4 (not both 1), n_C in 2..4."""

    def sample(rng: np.random.Generator) -> Case:
        n_H, n_W = 1, 1
        while n_H * n_W == 1:  # the filter of a strategy: uniform over the geometries kept
            n_H, n_W = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        return _style_case(n_H, n_W, int(rng.integers(2, 5)), sample_seed(rng), kind)

    return Sampled(sample)


def expect_style(student, batch: list[Case]) -> None:
    """The reference's cost (the student's function runs on the reference's gram_matrix)."""
    expect_like(
        student.compute_layer_style_cost,
        ref.compute_layer_style_cost,
        batch,
        "J_style_layer",
        mistakes.LAYER_STYLE_COST,
    )


@pytest.mark.exercise("compute_layer_style_cost")
class CheckComputeLayerStyleCost:
    @pytest.mark.points(8)
    @pytest.mark.hint("unroll each to (n_C, n_H * n_W) with np.reshape(a, (n_H * n_W, n_C)).T, take the Gram "
                      "matrices, and divide np.sum(np.square(GS - GG)) by 4 * n_C**2 * (n_H * n_W)**2")  # fmt: skip
    @given(batch=batches(style_cases("random")))
    def check_matches_reference(self, student, batch):
        expect_style(student, batch)

    @pytest.mark.points(7)
    @pytest.mark.needs("check_matches_reference")  # a cost of 0 for everything has this property too
    @pytest.mark.hint("style ignores where the features are, so moving pixels around must cost nothing: reshape "
                      "to (n_H * n_W, n_C) and THEN transpose; a direct reshape to (n_C, n_H * n_W) mixes "
                      "channels and pixels")  # fmt: skip
    @given(batch=batches(style_cases("shuffled")))
    def check_a_pixel_shuffled_copy_costs_nothing(self, student, batch):
        expect_style(student, batch)

    @pytest.mark.points(5)
    @pytest.mark.hint("divide by 4 * n_C**2 * (n_H * n_W)**2: a zero style against an all-ones image costs "
                      "exactly 1/4 whatever the shape")  # fmt: skip
    @given(batch=batches(style_cases("quarter")))
    def check_zeros_against_ones_cost_a_quarter(self, student, batch):
        expect_style(student, batch)


# --------------------------------------------------------------------------- total cost


costs = st.floats(0, 100, allow_subnormal=False)
weights = st.sampled_from([0.0, 0.5, 1.0, 5.0, 10.0, 20.0, 40.0, 100.0])


def _total_case(
    J_content: float, J_style: float, alpha: float | None = None, beta: float | None = None
) -> Case:
    if alpha is None:
        return Case((J_content, J_style), f"J_content={J_content:g}, J_style={J_style:g} (default weights)")
    return Case(
        (J_content, J_style, alpha, beta),
        f"J_content={J_content:g}, J_style={J_style:g}, alpha={alpha:g}, beta={beta:g}",
    )


def expect_total(student, cases: list[Case]) -> None:
    expect_like(student.total_cost, ref.total_cost, cases, "J", mistakes.TOTAL_COST)


@pytest.mark.exercise("total_cost")
class CheckTotalCost:
    @pytest.mark.points(4)
    @pytest.mark.hint(
        "def total_cost(J_content, J_style, alpha=10, beta=40): return alpha * J_content + beta * J_style"
    )
    @given(batch=batches(st.builds(_total_case, costs, costs)))
    def check_default_weights(self, student, batch):
        expect_total(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("use the alpha and beta you are given: J = alpha * J_content + beta * J_style")
    @given(batch=batches(st.builds(_total_case, costs, costs, weights, weights)))
    def check_given_weights(self, student, batch):
        expect_total(student, batch)
