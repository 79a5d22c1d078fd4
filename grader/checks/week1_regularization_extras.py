r"""Checks for course 2 week 1, "Other regularization methods": the L1 penalty and its
subgradient, early stopping with patience, and data augmentation (flip, crop, shift),
against :mod:`reference.regularization_extras`.

L1 is judged on random networks of 1 to 4 layers: the cost against the reference, zero
exactly when the weights are, linear in ``lambd``, blind to the biases; the gradient
against the reference, against central differences of the reference cost on weights
bounded away from 0 (where :math:`|w|` is differentiable), at weights that are exactly 0
(the subgradient there is 0 by convention, ``np.sign(0) == 0``), and with the biases'
gradients left as given.

Early stopping is judged on the lecture's kind of dev curves (falling, then rising with
noise), on curves with ties, and on strictly decreasing ones, both against the reference
and by its properties: the best epoch is the earliest minimum of the epochs seen, and the
stop comes exactly ``patience`` epochs after the best, or at the last epoch.

Data augmentation is judged on batches whose pixel values are 1, 2, ... in a random order
(each value once, none 0), so where every pixel of a result came from can be read off: the
flip against the reference and by flipping twice; each crop must be a window of its own
image and each shift its own image moved with zero fill.  The random ones are free to draw
in any order, so they are judged by their properties, not by the reference's draws: on 96
images every window that fits (on 300, every offset) must occur, which a right
implementation misses with probability below 1e-11, and the same seed gives the same batch.

How the inputs are drawn (networks, dev curves, image batches) is
:mod:`grader.checks.week1_regularization_extras_inputs`; the comparisons that are this
module's own (a cost, central differences, where a crop or a shift came from) are
:mod:`grader.checks.week1_regularization_extras_expect`.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.checks import week1_regularization_extras_mistakes as mistakes
from grader.checks.week1_regularization_extras_expect import (
    GRADIENT_EPSILON,
    GRADIENT_TOLERANCE,
    as_cost,
    crop_corners,
    expect_reproducible,
    gradients_dict,
    numerical_gradients,
    shift_offsets,
)
from grader.checks.week1_regularization_extras_inputs import (
    AWAY_FROM_ZERO,
    LECTURE_CURVES,
    SMALL_BATCH,
    cost_cases,
    crop_case,
    crop_cases,
    curve_cases,
    flip_cases,
    gradient_cases,
    sample_strictly_decreasing,
    shift_case,
    shift_cases,
    tie_cases,
    with_lambd,
)
from grader.judge.compare import REFERENCE, CheckFailed, Tolerance, expect_number, expect_same, fail, kind, on
from grader.judge.exercises import Exercise, declare
from grader.judge.judging import judged, outcomes, unwrap
from grader.judge.strategies import Case, Sampled, batches, sample_seed, seeds
from reference import regularization_extras as ref

L1_COST = Exercise("compute_l1_regularization_cost", ref.compute_l1_regularization_cost,
                   returns="L1_regularization_cost", mistakes=mistakes.L1_COST)  # fmt: skip
L1_GRADIENTS = Exercise("backward_propagation_with_l1_regularization",
                        ref.backward_propagation_with_l1_regularization, returns="gradients",
                        mistakes=mistakes.L1_GRADIENTS)  # fmt: skip
EARLY_STOPPING = Exercise("early_stopping", ref.early_stopping, returns=("best_epoch", "stop_epoch"),
                          mistakes=mistakes.EARLY_STOPPING)  # fmt: skip
FLIP = Exercise("flip_horizontal", ref.flip_horizontal, returns=("flipped_images", "flipped_boxes"),
                mistakes=mistakes.FLIP)  # fmt: skip
CROP = Exercise("random_crop", ref.random_crop, returns="crops")
SHIFT = Exercise("random_shift", ref.random_shift, returns="shifted")
EXERCISES = declare(L1_COST, L1_GRADIENTS, EARLY_STOPPING, FLIP, CROP, SHIFT)


# --------------------------------------------------------------------------- L1 cost


@pytest.mark.exercise("compute_l1_regularization_cost")
class CheckL1Cost:
    @pytest.mark.points(8)
    @pytest.mark.hint("L1_regularization_cost = lambd / m * (np.sum(np.abs(W1)) + ... + np.sum(np.abs(WL))), "
                      "with L = len(parameters) // 2")  # fmt: skip
    @given(batch=batches(cost_cases()))
    def check_values(self, student, batch):
        L1_COST.like_reference(student, batch)

    @pytest.mark.points(5)
    @pytest.mark.hint("sum np.abs of the weights only: the penalty is 0 exactly when every W is 0, "
                      "whatever the biases")  # fmt: skip
    @given(batch=batches(cost_cases(), size=SMALL_BATCH), weight=st.floats(0.1, 2.0), negative=st.booleans())
    def check_zero_exactly_when_the_weights_are(self, student, batch, weight, negative):
        zero, one = [], []
        for case in batch:
            parameters, lambd, m = case.args
            cleared = {k: np.zeros_like(v) if k[0] == "W" else v for k, v in parameters.items()}
            single = {k: v.copy() for k, v in cleared.items()}
            single["W1"].flat[0] = -weight if negative else weight
            zero.append(Case((cleared, lambd, m), f"{case.description}, every weight set to 0"))
            one.append(Case((single, lambd, m), f"{case.description}, every weight 0 but W1[0, 0] = "
                            f"{single['W1'].flat[0]:.4g}"))  # fmt: skip
        for i, (case, value) in enumerate(judged(student.compute_l1_regularization_cost, zero + one)):
            with on(case.description):
                cost = as_cost(value)
                if i < len(zero) and cost != 0:
                    fail(f"the penalty is {cost:.6g}, expected 0: with every weight 0 nothing is penalized "
                         "(are the biases summed too?)")  # fmt: skip
                if i >= len(zero) and not cost > 0:
                    fail(f"the penalty is {cost:.6g}, expected a positive number: a nonzero weight "
                         "is penalized by its absolute value, whatever its sign")  # fmt: skip

    @pytest.mark.points(4)
    @pytest.mark.hint("the penalty is lambd times a sum that does not depend on lambd: 0 when lambd = 0, "
                      "doubled when lambd doubles")  # fmt: skip
    @pytest.mark.needs("check_values")  # zeros are linear too
    @given(batch=batches(cost_cases(), size=SMALL_BATCH))
    def check_linear_in_lambd(self, student, batch):
        calls = [
            c for case in batch for c in (case, with_lambd(case, 0.0), with_lambd(case, 2 * case.args[1]))
        ]
        results = outcomes(student.compute_l1_regularization_cost, calls)
        for i, case in enumerate(batch):
            with on(f"{case.description}, then lambd=0 and lambd={2 * case.args[1]}"):
                cost, at_zero, doubled = (as_cost(unwrap(r)) for r in results[3 * i : 3 * i + 3])
                expect_number(at_zero, 0.0, "the penalty with lambd=0")
                expect_number(doubled, 2 * cost, f"the penalty with lambd doubled (twice {cost:.6g})")

    @pytest.mark.points(3)
    @pytest.mark.hint("penalize the weights W1..WL only: the biases b1..bL are not regularized")
    @pytest.mark.needs("check_values")  # a constant ignores the biases too
    @given(batch=batches(cost_cases(), size=SMALL_BATCH), seed=seeds)
    def check_biases_not_regularized(self, student, batch, seed):
        rng = np.random.default_rng(seed)
        other = [Case(({k: 10 * rng.standard_normal(v.shape) if k[0] == "b" else v
                        for k, v in c.args[0].items()}, *c.args[1:]), "") for c in batch]  # fmt: skip
        results = outcomes(student.compute_l1_regularization_cost, batch + other)
        for i, case in enumerate(batch):
            with on(f"{case.description}, then other biases"):
                before, after = as_cost(unwrap(results[i])), as_cost(unwrap(results[len(batch) + i]))
                if abs(after - before) > REFERENCE.atol + REFERENCE.rtol * abs(before):
                    fail(f"changing only the biases changed the penalty from {before:.6g} to {after:.6g}: "
                         "the biases are penalized")  # fmt: skip


# --------------------------------------------------------------------------- L1 gradient


@pytest.mark.exercise("backward_propagation_with_l1_regularization")
class CheckL1Gradients:
    @pytest.mark.points(7)
    @pytest.mark.hint("for l = 1..L: gradients['dW' + str(l)] + lambd / m * np.sign(W_l); every other "
                      "entry as given")  # fmt: skip
    @given(batch=batches(gradient_cases()))
    def check_values(self, student, batch):
        L1_GRADIENTS.like_reference(student, batch)

    @pytest.mark.points(5)
    @pytest.mark.hint("what you add to dW must be the derivative of lambd / m * sum |W|, which is "
                      "lambd / m * np.sign(W) wherever W != 0")  # fmt: skip
    @given(batch=batches(gradient_cases(away=True), size=SMALL_BATCH))
    def check_matches_central_differences(self, student, batch):
        for case, value in judged(student.backward_propagation_with_l1_regularization, batch):
            with on(case.description):
                given_gradients, parameters, lambd, m = case.args
                got = gradients_dict(value, given_gradients)
                for key, numerical in numerical_gradients(parameters, lambd, m).items():
                    added = got[key] - given_gradients[key]
                    try:
                        expect_same(added, numerical, f"what your {key} adds to the given {key}",
                                    GRADIENT_TOLERANCE)  # fmt: skip
                    except CheckFailed as failure:
                        raise CheckFailed(f"{failure}, against central differences of lambd / m * sum |W| "
                                          f"(step {GRADIENT_EPSILON:g}, weights at least {AWAY_FROM_ZERO:g} "
                                          "from 0)") from None  # fmt: skip

    @pytest.mark.points(5)
    @pytest.mark.hint("use np.sign(W): by convention the subgradient of |w| at w = 0 is 0, so a weight "
                      "that is exactly 0 adds nothing to its dW")  # fmt: skip
    @given(batch=batches(gradient_cases(zeros=True)))
    def check_sign_of_zero_is_zero(self, student, batch):
        for case, value in judged(student.backward_propagation_with_l1_regularization, batch):
            with on(case.description):
                given_gradients, parameters, lambd, m = case.args
                got = gradients_dict(value, given_gradients)
                for key in (k for k in parameters if k[0] == "W"):
                    at_zero = parameters[key] == 0
                    try:
                        expect_same(got["d" + key][at_zero], given_gradients["d" + key][at_zero],
                                    f"{'d' + key} where {key} is exactly 0")  # fmt: skip
                    except CheckFailed as failure:
                        raise CheckFailed(f"{failure}: sign(0) = 0, so a zero weight adds nothing") from None
                expected = L1_GRADIENTS.reference(*case.args)
                try:
                    expect_same(got, expected, "gradients")
                except CheckFailed as failure:
                    raise L1_GRADIENTS.recognised(failure, got, case.args) from None

    @pytest.mark.points(3)
    @pytest.mark.hint("the biases are not regularized: return every db (and every other entry that is not "
                      "a dW) exactly as given")  # fmt: skip
    @pytest.mark.needs("check_values")  # handing the gradients back unchanged has it
    @given(batch=batches(gradient_cases(), size=SMALL_BATCH))
    def check_biases_not_regularized(self, student, batch):
        for case, value in judged(student.backward_propagation_with_l1_regularization, batch):
            with on(case.description):
                given_gradients = case.args[0]
                got = gradients_dict(value, given_gradients)
                for key in (k for k in given_gradients if not k.startswith("dW")):
                    expect_same(got[key], given_gradients[key], f"gradients[{key!r}] (as given)",
                                Tolerance(rtol=0.0, atol=0.0))  # fmt: skip


# --------------------------------------------------------------------------- early stopping


def as_epochs(value: object) -> tuple[int, int]:
    best, stop = EARLY_STOPPING.parts(value)
    for name, v in zip(EARLY_STOPPING.returns, (best, stop), strict=True):
        if not isinstance(v, (int, np.integer)) or isinstance(v, (bool, np.bool_)):
            fail(f"{name}: expected an int (an epoch number), got {kind(v)}")
    return int(best), int(stop)


def expect_epochs(got: object, expected: tuple[int, int], what: str = "", tol: Tolerance = REFERENCE) -> None:
    if as_epochs(got) != tuple(expected):
        fail(f"(best_epoch, stop_epoch) = {as_epochs(got)}, expected {tuple(expected)}")


@pytest.mark.exercise("early_stopping")
class CheckEarlyStopping:
    @pytest.mark.points(3)
    @pytest.mark.hint("epochs are 0-based: best_epoch indexes dev_losses, and a run that never stops ends "
                      "at len(dev_losses) - 1")  # fmt: skip
    def check_worked_examples(self, student):
        EARLY_STOPPING.like_reference(student, LECTURE_CURVES, compare=expect_epochs)

    @pytest.mark.points(6)
    @pytest.mark.hint("loop t = 1..n-1: if best_loss - loss > 0 and >= min_delta, it is the new best; "
                      "else if t - best_epoch >= patience, stop at t")  # fmt: skip
    @given(batch=batches(curve_cases()))
    def check_dev_curves(self, student, batch):
        EARLY_STOPPING.like_reference(student, batch, compare=expect_epochs)

    @pytest.mark.points(4)
    @pytest.mark.hint("stop at the first epoch t with t - best_epoch >= patience, never before; if none, "
                      "the last epoch")  # fmt: skip
    @given(batch=batches(curve_cases(min_n=5, min_deltas=(0.0,))))
    def check_patience_after_the_best(self, student, batch):
        for case, value in judged(student.early_stopping, batch):
            with on(case.description):
                losses, patience, _ = case.args
                best, stop = as_epochs(value)
                if not 0 <= best <= stop <= len(losses) - 1:
                    fail(f"(best_epoch, stop_epoch) = {(best, stop)}: expected 0 <= best_epoch <= stop_epoch <= "
                         f"{len(losses) - 1}")  # fmt: skip
                if stop < len(losses) - 1 and stop - best != patience:
                    fail(f"stopped at epoch {stop}, {stop - best} epochs after the best ({best}), expected "
                         f"exactly patience={patience} epochs after it (or the last epoch)")  # fmt: skip

    @pytest.mark.points(4)
    @pytest.mark.hint("keep the best loss seen so far: best_epoch is the earliest epoch with the smallest loss "
                      "among epochs 0..stop_epoch, never one after the stop")  # fmt: skip
    @pytest.mark.needs("check_dev_curves")  # epoch 0 of a one-epoch view is a minimum too
    @given(batch=batches(curve_cases(min_n=5, min_deltas=(0.0,), dip=True)))
    def check_best_is_the_minimum_seen(self, student, batch):
        for case, value in judged(student.early_stopping, batch):
            with on(case.description):
                losses = case.args[0]
                best, stop = as_epochs(value)
                if not 0 <= best < len(losses) or not 0 <= stop < len(losses):
                    fail(
                        f"(best_epoch, stop_epoch) = {(best, stop)} is not a pair of epochs 0..{len(losses) - 1}"
                    )
                if best > stop:
                    fail(f"best_epoch {best} comes after stop_epoch {stop}: only the epochs trained are seen")
                seen = losses[: stop + 1]
                first = int(np.argmin(seen))
                if best != first:
                    fail(f"best_epoch {best} has loss {losses[best]:.6g}, but epoch {first} of those seen "
                         f"(0..{stop}) has {seen[first]:.6g}")  # fmt: skip

    @pytest.mark.points(4)
    @pytest.mark.hint("a loss equal to the best is no improvement: compare with > 0 (strictly), so ties "
                      "keep the earliest epoch")  # fmt: skip
    @given(batch=batches(tie_cases()))
    def check_ties_keep_the_earliest(self, student, batch):
        EARLY_STOPPING.like_reference(student, batch, compare=expect_epochs)

    @pytest.mark.points(4)
    @pytest.mark.hint("every epoch of a strictly decreasing curve improves: reset the patience count at each "
                      "improvement, and the run ends at the last epoch, len(dev_losses) - 1")  # fmt: skip
    @given(batch=batches(Sampled(sample_strictly_decreasing)))
    def check_strictly_decreasing_never_stops_early(self, student, batch):
        for case, value in judged(student.early_stopping, batch):
            with on(case.description):
                n = len(case.args[0])
                if as_epochs(value) != (n - 1, n - 1):
                    fail(f"(best_epoch, stop_epoch) = {as_epochs(value)}, expected ({n - 1}, {n - 1}): every "
                         "epoch improves, so the last is the best and training never stops early")  # fmt: skip


# --------------------------------------------------------------------------- data augmentation


@pytest.mark.exercise("flip_horizontal")
class CheckFlipHorizontal:
    @pytest.mark.points(5)
    @pytest.mark.hint("flipped_images = images[:, :, ::-1, :] (the width is axis 2); flipped_boxes: a copy with "
                      "column 0 (b_x) replaced by 1 - b_x")  # fmt: skip
    @given(batch=batches(flip_cases))
    def check_values(self, student, batch):
        FLIP.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("the box moves with the image: b_x -> 1 - b_x, while b_y, b_h, b_w stay, each box "
                      "in its image's row")  # fmt: skip
    @given(batch=batches(flip_cases))
    def check_boxes_mirrored(self, student, batch):
        for case, value in judged(student.flip_horizontal, batch):
            with on(case.description):
                boxes = case.args[1]
                expected = np.column_stack([1 - boxes[:, 0], boxes[:, 1:]])
                try:
                    expect_same(FLIP.parts(value)[1], expected, "flipped_boxes")
                except CheckFailed as failure:
                    raise FLIP.recognised(failure, value, case.args) from None

    @pytest.mark.points(3)
    @pytest.mark.hint("flipping twice must give back the batch and its boxes exactly: reverse axis 2 only, "
                      "and b_x -> 1 - b_x")  # fmt: skip
    @pytest.mark.needs("check_values")  # handing the batch back unchanged has it too
    @given(batch=batches(flip_cases, size=5))
    def check_flipping_twice_is_the_identity(self, student, batch):
        once = [FLIP.parts(unwrap(v)) for v in outcomes(student.flip_horizontal, batch)]
        twice = outcomes(student.flip_horizontal, [Case(tuple(pair), "") for pair in once])
        for case, value in zip(batch, twice, strict=True):
            with on(f"{case.description}, flipped twice"):
                images, boxes = FLIP.parts(unwrap(value))
                expect_same(images, case.args[0], "the images flipped twice", Tolerance(rtol=0.0, atol=0.0))
                expect_same(boxes, case.args[1], "the boxes flipped twice")


@pytest.mark.exercise("random_crop")
class CheckRandomCrop:
    @pytest.mark.points(5)
    @pytest.mark.hint("crops[i] = images[i, top : top + crop_height, left : left + crop_width, :], a window "
                      "of the same image i")  # fmt: skip
    @given(batch=batches(crop_cases))
    def check_each_crop_is_a_window_of_its_image(self, student, batch):
        for case, value in judged(student.random_crop, batch):
            with on(case.description):
                crop_corners(value, case)

    @pytest.mark.points(5)
    @pytest.mark.hint("draw top = rng.integers(0, n_H - crop_height + 1), left likewise, for each image: every "
                      "window that fits must be possible (the upper bound of integers is exclusive)")  # fmt: skip
    @given(batch=batches(Sampled(lambda rng: crop_case(96, 3, 3, 1, sample_seed(rng), (1, 1))), size=3))
    def check_every_window_is_possible(self, student, batch):
        for case, value in judged(student.random_crop, batch):
            with on(f"{case.description}: 4 windows fit, each image draws one"):
                used = set(crop_corners(value, case))
                missing = sorted({(t, l) for t in (0, 1) for l in (0, 1)} - used)
                if missing:
                    fail(f"no crop starts at (top, left) = {missing[0]} in 96 draws (used: {sorted(used)}): each "
                         "image must draw its own corner over every window that fits")  # fmt: skip

    @pytest.mark.points(2)
    @pytest.mark.hint("draw from rng = np.random.default_rng(seed): the same seed must give the same crops")
    @pytest.mark.needs("check_each_crop_is_a_window_of_its_image")  # handing back zeros twice has it
    @given(batch=batches(crop_cases, size=5))
    def check_reproducible_for_a_seed(self, student, batch):
        expect_reproducible(student.random_crop, batch, "crops")


@pytest.mark.exercise("random_shift")
class CheckRandomShift:
    @pytest.mark.points(5)
    @pytest.mark.hint("shifted[i, h, w] = images[i, h - dy, w - dx] where that is inside the image, else 0 "
                      "(np.zeros_like, then copy the part that stays in the frame; not np.roll, which wraps)")  # fmt: skip
    @pytest.mark.needs("check_every_offset_is_possible")  # handing the batch back is a shift by (0, 0)
    @given(batch=batches(shift_cases))
    def check_pixels_only_moved_with_zero_fill(self, student, batch):
        for case, value in judged(student.random_shift, batch):
            with on(case.description):
                shift_offsets(value, case)

    @pytest.mark.points(5)
    @pytest.mark.hint("draw dy, dx = rng.integers(-max_shift, max_shift + 1, size=2) for each image: every "
                      "offset from -max_shift to max_shift on both axes must be possible")  # fmt: skip
    @given(batch=batches(Sampled(lambda rng: shift_case(300, 3, 3, 1, 1, sample_seed(rng))), size=2))
    def check_every_offset_is_possible(self, student, batch):
        for case, value in judged(student.random_shift, batch):
            with on(f"{case.description}: 9 offsets, each image draws one"):
                used = set(shift_offsets(value, case))
                missing = sorted({(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)} - used)
                if missing:
                    fail(f"no image is moved by (dy, dx) = {missing[0]} in 300 draws (used: {sorted(used)}): "
                         "draw dy and dx independently over -max_shift..max_shift for each image")  # fmt: skip

    @pytest.mark.points(2)
    @pytest.mark.hint("draw from rng = np.random.default_rng(seed): the same seed must give the same shifts")
    @pytest.mark.needs("check_every_offset_is_possible")  # handing the batch back twice has it
    @given(batch=batches(shift_cases, size=5))
    def check_reproducible_for_a_seed(self, student, batch):
        expect_reproducible(student.random_shift, batch, "images")
