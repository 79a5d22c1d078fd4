r"""Checks for course 2 week 1, "Regularization": the L2-regularized cost and backward
pass, and inverted dropout forward and backward, on the course's 3-layer network.

Beyond the official fixed cases of every Coursera generation, each class checks what
the lectures teach against :mod:`reference.regularization`, on batches of random
networks (layer sizes ``[n_0, n_1, n_2, 1]``, ``m`` examples):

* the L2 gradient is the *numerical* gradient of the L2 cost (central differences of
  the reference forward pass and cost), and the biases are not penalized;
* dropout keeps about ``keep_prob`` of the units, zeroes exactly the units its mask
  drops, rescales the survivors by ``1 / keep_prob`` so the expected activation is
  unchanged, and with ``keep_prob = 1`` is the plain network;
* the backward pass applies the masks stored in the cache (including the cache that
  the student's own forward pass returned), and with ``keep_prob = 1`` is plain backprop.

The statistical checks
----------------------
With ``N`` independent units each kept with probability ``p``, Hoeffding's inequality
bounds the kept fraction :math:`\hat p` (:func:`grader.judge.statistics.hoeffding`, derived there):

.. math:: P\big(|\hat p - p| \ge \varepsilon\big) \le 2 e^{-2 N \varepsilon^2},
    \qquad \varepsilon = \sqrt{\ln(2 / \delta) / (2N)}

with :math:`\delta` = :data:`~grader.judge.statistics.FALSE_FAILURE` = 1e-9 per mask tested (sixteen mask tests in all: a
correct implementation fails with probability below 2e-8).  On the networks used (20000 to 40000
units per mask) :math:`\varepsilon \le 0.023`, while an inverted mask is off by
:math:`|1 - 2p| \ge 0.4`.  For the expected activation, :math:`A / \operatorname{relu}(Z)
= D / p` on the ``N`` units with :math:`Z > 0` (about half), so its mean is
:math:`\hat p / p`, accepted within :math:`1 \pm \varepsilon / p` (at most 0.07 here),
while forgetting the rescaling gives ``p`` (0.5 or 0.8).

How the inputs are drawn (the random networks, the official and the large fixed cases) is
in :mod:`grader.checks.week1_regularization_inputs`; how the results are compared (the
cache and its masks, the gradients, the central differences of the L2 cost) in
:mod:`grader.checks.week1_regularization_expect`.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

from grader.checks import week1_init_reg_mistakes as mistakes
from grader.checks.week1_regularization_expect import (
    CACHE_NAMES,
    FORWARD_PARTS,
    GRADIENT_TOLERANCE,
    MASKS,
    expect_dropout_forward,
    expect_gradients,
    expect_masked,
    forward_parts,
    gradient_difference,
    mask_values,
    numerical_gradients,
    usable_cache,
)

# re-exported (`x as x`) for tests/grader/test_week1_init_reg.py: expect_mask, Net, dropout_cache
from grader.checks.week1_regularization_expect import expect_mask as expect_mask
from grader.checks.week1_regularization_inputs import (
    KEEP_PROBS,
    PARAMETER_KEYS,
    SMALL_BATCH,
    cost_cases,
    dropout_backward_cases,
    forward_cases,
    l2_cases,
    large_forward_cases,
    official_cases,
    plain_case,
    sample_net,
)
from grader.checks.week1_regularization_inputs import Net as Net
from grader.checks.week1_regularization_inputs import dropout_cache as dropout_cache
from grader.judge.compare import CheckFailed, expect_array, expect_same, fail, kind, on
from grader.judge.exercises import Exercise, declare
from grader.judge.judging import fresh, judged, outcomes, unwrap
from grader.judge.statistics import FALSE_FAILURE, hoeffding
from grader.judge.strategies import Case, Sampled, batches, sample_value
from reference import regularization as ref
from reference.reg_helpers import backward_propagation, compute_cost, forward_propagation, relu

COST = Exercise("compute_cost_with_regularization", ref.compute_cost_with_regularization, returns="cost",
                mistakes=mistakes.COST, official=lambda: official_cases("compute_cost_with_regularization"))  # fmt: skip
#: Its result, the course's 11 gradients, is compared by expect_gradients (extra keys allowed).
L2_BACKWARD = Exercise("backward_propagation_with_regularization", ref.backward_propagation_with_regularization,
                       returns="gradients", mistakes=mistakes.L2_BACKWARD, comparison=expect_gradients,
                       official=lambda: official_cases("backward_propagation_with_regularization"))  # fmt: skip
#: Its result is compared by expect_dropout_forward (the cache entry by entry, masks by value).
DROPOUT_FORWARD = Exercise("forward_propagation_with_dropout", ref.forward_propagation_with_dropout,
                           returns=FORWARD_PARTS, mistakes=mistakes.DROPOUT_FORWARD,
                           comparison=expect_dropout_forward,
                           official=lambda: official_cases("forward_propagation_with_dropout"))  # fmt: skip
#: Its result, the course's 11 gradients, is compared by expect_gradients (extra keys allowed).
DROPOUT_BACKWARD = Exercise("backward_propagation_with_dropout", ref.backward_propagation_with_dropout,
                            returns="gradients", mistakes=mistakes.DROPOUT_BACKWARD, comparison=expect_gradients,
                            official=lambda: official_cases("backward_propagation_with_dropout"))  # fmt: skip
EXERCISES = declare(COST, L2_BACKWARD, DROPOUT_FORWARD, DROPOUT_BACKWARD)


# --------------------------------------------------------------------------- L2 cost


@pytest.mark.exercise("compute_cost_with_regularization")
class CheckCostWithRegularization:
    @pytest.mark.points(6)
    @pytest.mark.hint(
        "cost = compute_cost(A3, Y) + lambd / (2 * m) * (np.sum(np.square(W1)) + "
        "np.sum(np.square(W2)) + np.sum(np.square(W3)))"
    )
    def check_coursera_cases(self, student):
        COST.like_official(student)

    @pytest.mark.points(8)
    @pytest.mark.hint(
        "square every weight, sum over W1, W2 and W3 (not the biases), multiply by lambd / (2 * m)"
    )
    @given(batch=batches(cost_cases()))
    def check_random_networks(self, student, batch):
        COST.like_reference(student, batch)

    @pytest.mark.points(6)
    @pytest.mark.hint("the penalty is proportional to lambd: with lambd = 0 the cost is compute_cost(A3, Y)")
    @given(batch=batches(cost_cases((0.0,)), size=SMALL_BATCH))
    def check_lambda_zero_is_cross_entropy(self, student, batch):
        for case, got in judged(student.compute_cost_with_regularization, batch):
            with on(case.description):
                A3, Y = case.args[:2]
                expect_same(got, compute_cost(A3, Y), "cost with lambd=0")


# --------------------------------------------------------------------------- L2 backward


@pytest.mark.exercise("backward_propagation_with_regularization")
class CheckBackwardWithRegularization:
    @pytest.mark.points(6)
    @pytest.mark.hint("add lambd / m * W_l to each dW_l: dW3 = 1./m * np.dot(dZ3, A2.T) + lambd / m * W3")
    def check_coursera_cases(self, student):
        L2_BACKWARD.like_official(student)

    @pytest.mark.points(7)
    @pytest.mark.hint("add lambd / m * W_l to each of dW1, dW2 and dW3, and nothing else")
    @given(batch=batches(l2_cases()))
    def check_random_networks(self, student, batch):
        L2_BACKWARD.like_reference(student, batch)

    @pytest.mark.points(8)
    @pytest.mark.hint(
        "the gradient of lambd / (2m) * sum(W**2) is lambd / m * W: dW_l = (plain dW_l) + lambd / m * W_l"
    )
    @given(batch=batches(l2_cases(max_units=3, max_m=5), size=4))
    def check_gradient_matches_numerical_gradient(self, student, batch):
        for case, outcome in zip(batch, outcomes(student.backward_propagation_with_regularization, batch),
                                 strict=True):  # fmt: skip
            X, Y, cache, lambd = case.args
            parameters = dict(zip(PARAMETER_KEYS, (cache[2], cache[3], cache[6], cache[7], cache[10], cache[11]),
                                  strict=True))  # fmt: skip
            approx = numerical_gradients(X, Y, parameters, lambd)
            if (
                gradient_difference(ref.backward_propagation_with_regularization(*fresh(case.args)), approx)
                > 1e-7
            ):
                continue  # a ReLU kink within epsilon: the numerical gradient itself is off
            with on(f"{case.description} (the cost is compute_cost + lambd / (2m) * sum of squared weights)"):
                got = unwrap(outcome)
                if not isinstance(got, dict):
                    fail(f"expected a dict of the gradients, got {kind(got)}")
                missing = [k for k in PARAMETER_KEYS if "d" + k not in got]
                if missing:
                    fail(f"gradients: missing {', '.join('d' + k for k in missing)}")
                for key in PARAMETER_KEYS:
                    if np.shape(got["d" + key]) != parameters[key].shape:
                        fail(
                            f"gradients['d{key}'] has shape {np.shape(got['d' + key])}, "
                            f"expected {parameters[key].shape}"
                        )
                difference = gradient_difference(got, approx)
                if not difference <= GRADIENT_TOLERANCE:
                    worst = max(
                        PARAMETER_KEYS, key=lambda k: float(np.max(np.abs(got["d" + k] - approx["d" + k])))
                    )
                    fail(
                        f"the gradients differ from central differences of the cost: difference "
                        f"||grad - gradapprox|| / (||grad|| + ||gradapprox||) = {difference:.3g} > "
                        f"{GRADIENT_TOLERANCE:g}; worst in d{worst}: got {np.ravel(got['d' + worst])[:4]}, "
                        f"numerical {np.ravel(approx['d' + worst])[:4]}"
                    )

    @pytest.mark.points(4)
    @pytest.mark.hint("only the weights are penalized: db1, db2, db3 stay the plain gradients")
    @given(batch=batches(l2_cases((10.0,)), size=SMALL_BATCH))
    def check_biases_are_not_penalized(self, student, batch):
        for case, got in judged(student.backward_propagation_with_regularization, batch):  # fmt: skip
            with on(case.description):
                X, Y, cache, _ = case.args
                plain = backward_propagation(X, Y, cache)
                expect_gradients(got, {k: plain[k] for k in ("db1", "db2", "db3")})


# --------------------------------------------------------------------------- dropout forward


def judged_forward(student, batch: list[Case]):
    """``(case, cache, (D1, D2))`` of the student's forward pass on each case, the masks as
    0/1 floats; a call that raised, or a malformed result, fails inside ``on(case)``."""
    for case, value in judged(student.forward_propagation_with_dropout, batch):
        with on(case.description):
            _, cache = forward_parts(value)
            for i in (0, 2, 5, 7):
                if type(cache[i]) is not np.ndarray:
                    fail(f"cache[{i}] ({CACHE_NAMES[i]}) should be an array, got {kind(cache[i])}")
            masks = tuple(mask_values(cache[i], cache[i + 1].shape, f"cache[{i}] ({name})")
                          for i, name in MASKS.items())  # fmt: skip
        yield case, cache, masks


@pytest.mark.exercise("forward_propagation_with_dropout")
class CheckForwardWithDropout:
    @pytest.mark.points(6)
    @pytest.mark.hint(
        "np.random.seed(1); D1 = np.random.rand(A1.shape[0], A1.shape[1]); "
        "D1 = (D1 < keep_prob).astype(int); A1 = A1 * D1 / keep_prob; the same for D2 and A2"
    )
    def check_coursera_cases(self, student):
        DROPOUT_FORWARD.like_official(student)

    @pytest.mark.points(6)
    @pytest.mark.hint(
        "seed once (np.random.seed(1)), draw D1 with np.random.rand(*A1.shape), then D2 the same way"
    )
    @given(batch=batches(forward_cases()))
    def check_same_masks_as_coursera(self, student, batch):
        DROPOUT_FORWARD.like_reference(student, batch)

    @pytest.mark.points(5)
    @pytest.mark.hint(
        "keep a unit when its uniform random number is below keep_prob: D1 = (D1 < keep_prob), "
        "with D1 = np.random.rand(...) (uniform on [0, 1), not randn)"
    )
    def check_keeps_about_keep_prob_of_the_units(self, student):
        for case, _, masks in judged_forward(student, large_forward_cases(0.8) + large_forward_cases(0.3)):
            with on(case.description):
                keep_prob = case.args[2]
                for name, D in zip(MASKS.values(), masks, strict=True):
                    kept, margin = float(np.mean(D)), hoeffding(D.size)
                    if abs(kept - keep_prob) > margin:
                        fail(
                            f"{name} keeps {kept:.1%} of its {D.size} units; with keep_prob={keep_prob} it keeps "
                            f"{keep_prob:.0%} +- {margin:.1%} (all but a {FALSE_FAILURE:g} chance)"
                        )

    @pytest.mark.points(5)
    @pytest.mark.hint(
        "A1 = A1 * D1 shuts down the dropped units, then A1 = A1 / keep_prob rescales the others"
    )
    @pytest.mark.needs("check_keeps_about_keep_prob_of_the_units")  # an all-zero cache has it
    @given(batch=batches(forward_cases(), size=SMALL_BATCH))
    def check_zero_where_dropped_and_survivors_rescaled(self, student, batch):
        for case, cache, masks in judged_forward(student, batch):
            with on(case.description):
                keep_prob = case.args[2]
                for (i, name), D in zip(MASKS.items(), masks, strict=True):
                    Z, A, a_name = cache[i - 1], cache[i + 1], CACHE_NAMES[i + 1]
                    if A.shape == D.shape and np.any(A[D == 0] != 0):
                        index = tuple(int(j) for j in np.argwhere((D == 0) & (A != 0))[0])
                        fail(
                            f"{a_name}{list(index)} = {A[index]:.4g} although {name}{list(index)} = 0: "
                            "a dropped unit must output exactly 0"
                        )
                    expected = relu(Z) * D / keep_prob
                    try:
                        expect_array(A, expected, f"cache[{i + 1}] ({a_name}) against relu({CACHE_NAMES[i - 1]}) "
                                                  f"* {name} / keep_prob")  # fmt: skip
                    except CheckFailed as failure:
                        if A.shape == D.shape and np.allclose(A, relu(Z) * D):
                            hint = "inverted dropout rescales: A1 = A1 / keep_prob after masking"
                            raise CheckFailed(
                                f"{failure} -- the kept units are not divided by keep_prob", hint
                            ) from None
                        raise

    @pytest.mark.points(5)
    @pytest.mark.hint("divide the kept activations by keep_prob, so that each unit keeps its expected value")
    @pytest.mark.needs("check_keeps_about_keep_prob_of_the_units")  # all-zero or all-one masks have it
    def check_expected_activation_unchanged(self, student):
        for case, cache, _masks in judged_forward(
            student, large_forward_cases(0.8) + large_forward_cases(0.5)
        ):
            with on(case.description):
                keep_prob = case.args[2]
                for i in MASKS:
                    Z, A, a_name = cache[i - 1], cache[i + 1], CACHE_NAMES[i + 1]
                    active = relu(Z) > 0
                    if A.shape != Z.shape or not active.any():
                        continue  # the shapes are judged by the other checks
                    ratio = float(np.mean(A[active] / relu(Z)[active]))
                    margin = hoeffding(int(active.sum())) / keep_prob
                    if abs(ratio - 1) > margin:
                        fail(
                            f"on the {int(active.sum())} units with {CACHE_NAMES[i - 1]} > 0, {a_name} / "
                            f"relu({CACHE_NAMES[i - 1]}) averages {ratio:.3f}; inverted dropout keeps the "
                            f"expectation, so it should be 1 +- {margin:.3f} (all but a {FALSE_FAILURE:g} chance)"
                        )

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "with keep_prob = 1 every unit is kept (D < 1 always holds for np.random.rand) and "
        "nothing is rescaled: the plain forward pass"
    )
    @given(batch=batches(forward_cases((1.0,)), size=SMALL_BATCH))
    def check_keep_prob_one_is_plain_network(self, student, batch):
        for case, got in judged(student.forward_propagation_with_dropout, batch):
            with on(case.description):
                X, parameters, _ = case.args
                A3, plain = forward_propagation(X, parameters)
                Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, _, W3, b3 = plain
                ones1, ones2 = np.ones(Z1.shape), np.ones(Z2.shape)
                expected = (A3, (Z1, ones1, A1, W1, b1, Z2, ones2, A2, W2, b2, Z3, A3, W3, b3))
                expect_dropout_forward(got, expected)


# --------------------------------------------------------------------------- dropout backward


def expect_gradients_or_mistake(got: object, args: tuple) -> None:
    """The reference's gradients on ``args``; a wrong result that is a known mistake is named."""
    try:
        expect_gradients(got, DROPOUT_BACKWARD.reference(*fresh(args)))
    except CheckFailed as failure:
        raise DROPOUT_BACKWARD.recognised(failure, got, args) from None


@pytest.mark.exercise("backward_propagation_with_dropout")
class CheckBackwardWithDropout:
    @pytest.mark.points(6)
    @pytest.mark.hint("dA2 = dA2 * D2 / keep_prob and dA1 = dA1 * D1 / keep_prob, with D1, D2 from the cache")
    def check_coursera_cases(self, student):
        DROPOUT_BACKWARD.like_official(student)

    @pytest.mark.points(6)
    @pytest.mark.hint(
        "mask then rescale dA2 and dA1 (not dZ2, dZ1): the returned dA2, dA1 are the masked ones"
    )
    @given(batch=batches(dropout_backward_cases()))
    def check_random_caches(self, student, batch):
        DROPOUT_BACKWARD.like_reference(student, batch)

    @pytest.mark.points(5)
    @pytest.mark.hint("use the masks D1 and D2 stored in the cache; drawing new ones shuts down other units")
    @given(batch=batches(dropout_backward_cases(complement_of_seed_1=True), size=SMALL_BATCH))
    def check_uses_the_masks_in_the_cache(self, student, batch):
        for case, got in judged(student.backward_propagation_with_dropout, batch):
            with on(case.description):
                expect_masked(got, case.args[2])
                expect_gradients_or_mistake(got, case.args)

    @pytest.mark.points(5)
    @pytest.mark.hint(
        "the backward pass must shut down the units your forward pass dropped: "
        "use D1 and D2 from the cache it returned"
    )
    @given(
        pairs=batches(Sampled(lambda rng: (sample_net(rng), sample_value(rng, KEEP_PROBS))), size=SMALL_BATCH)
    )
    def check_masks_of_your_own_forward_pass(self, student, pairs):
        forward = [Case((n.X, n.parameters, kp), "") for n, kp in pairs]
        calls = []
        forwarded = outcomes(student.forward_propagation_with_dropout, forward)
        for (net, kp), outcome in zip(pairs, forwarded, strict=True):
            cache = usable_cache(outcome, net.X, net.parameters)
            whose = "the cache your forward_propagation_with_dropout returned"
            if cache is None:
                cache = ref.forward_propagation_with_dropout(net.X, net.parameters, kp)[1]
                whose = "the reference forward pass's cache (yours could not be used)"
            calls.append(Case((net.X, net.Y, cache, kp), f"{net}, keep_prob={kp}, {whose}"))
        for case, got in judged(student.backward_propagation_with_dropout, calls):
            with on(case.description):
                expect_masked(got, case.args[2])
                expect_gradients_or_mistake(got, case.args)

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "with keep_prob = 1 and masks of ones the result is plain backpropagation: "
        "dZ3 = A3 - Y, dW3 = 1./m * np.dot(dZ3, A2.T), ..."
    )
    @given(batch=batches(Sampled(lambda rng: plain_case(sample_net(rng))), size=SMALL_BATCH))
    def check_keep_prob_one_is_plain_backprop(self, student, batch):
        calls = []
        for case in batch:
            X, Y, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = case.args
            ones1, ones2 = np.ones(Z1.shape, dtype=int), np.ones(Z2.shape, dtype=int)
            cache = (Z1, ones1, A1, W1, b1, Z2, ones2, A2, W2, b2, Z3, A3, W3, b3)
            calls.append(Case((X, Y, cache, 1.0), f"{case.description}, keep_prob=1, masks of ones"))
        for (case, got), plain in zip(
            judged(student.backward_propagation_with_dropout, calls), batch, strict=True
        ):
            with on(case.description):
                expect_gradients(got, backward_propagation(*fresh(plain.args)))
