r"""Checks for course 4 week 3 in numpy: IoU, YOLO's score filtering and non-max suppression,
the YOLO box encoding and the choice of anchor box.

Each class grades one function of :mod:`reference.detection`.  Besides matching the reference
on random inputs, the checks test what the lectures teach, judged from the student's values:

* **IoU** on pairs of valid boxes drawn by relation (overlapping, nested, equal, apart in one
  or both directions, touching along an edge or at a corner), on integer coordinates so
  that touching is exact: symmetric, in [0, 1], 1 for equal boxes, 0 for boxes apart or
  only touching.  Boxes apart in both directions catch the unclipped intersection.
* **Filtering** is called with keyword arguments (``boxes=..., box_confidence=...,
  box_class_probs=..., threshold=...``), so the 2020 signature (confidence first) and the
  later one (boxes first) are graded alike; the threshold is inclusive, on exact values.
* **Non-max suppression** by its contract, with the judge's own IoU: the kept boxes come
  from the input (score, box and class together), by descending score, at most
  ``max_boxes``, pairwise IoU at most the threshold; every dropped box overlaps a kept box
  of higher score by more than the threshold; running it again changes nothing; classes do
  not protect a box; an IoU exactly at the threshold keeps both boxes.
* **Encoding** decodes back to the box, with the centre's offsets in [0, 1) and a centre on a
  grid line in the cell after it.  Cells have integer sizes in pixels, so a centre is on a
  grid line exactly when its coordinate is a multiple of the cell size.
* **Anchors**: an anchor of the box's own shape wins wherever the box is; equal areas are
  told apart by shape; a tie goes to the first anchor.
* **Sliding windows**: an FC layer turned into filters must be the layer (a convolution of
  the student's filters on a volume equals the FC layer on it flattened); the convolutional
  pass on a larger image, against the reference and, at every position, against the
  classifier run on that window, the windows moving by the max pool's stride.  It builds on
  ``conv_forward`` and ``pool_forward`` of course 4 week 1 and on ``fc_to_conv``: while its
  checks run, those are the reference's (``Assignment.builds_on``).
"""

from __future__ import annotations

import functools
import numbers
from typing import cast

import numpy as np
import pytest
from hypothesis import given

from grader.boundary.remote import StudentRaised
from grader.checks import c4w3_mistakes as mistakes
from grader.judge.compare import (
    REFERENCE,
    CheckFailed,
    Tolerance,
    expect_array,
    expect_number,
    expect_parts,
    expect_same,
    fail,
    kind,
    on,
)
from grader.judge.judging import expect_like_reference, fresh, judged, outcomes, recognised, unwrap
from grader.judge.strategies import Case, Sampled, Values, batches, sample_seed, sample_value, seeds
from reference import detection as ref
from reference.convolution import conv_forward

# --------------------------------------------------------------------------- boxes


def _count(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _fmt(box: tuple) -> str:
    return "(" + ", ".join(f"{v:g}" for v in box) + ")"


def pair_case(box1: tuple, box2: tuple, relation: str = "") -> Case:
    return Case(
        (box1, box2), f"box1={_fmt(box1)}, box2={_fmt(box2)}" + (f" ({relation})" if relation else "")
    )


def sample_box(rng: np.random.Generator) -> tuple[float, float, float, float]:
    """A valid box ``(x1, y1, x2, y2)``, ``x1 < x2``, ``y1 < y2``, on integer coordinates:
    x1, y1 in -10..10, the sides in 1..8."""
    x1, y1, w, h = (float(v) for v in (*rng.integers(-10, 11, 2), *rng.integers(1, 9, 2)))
    return (x1, y1, x1 + w, y1 + h)


def _mirror(box: tuple, flip_x: bool, flip_y: bool, transpose: bool) -> tuple:
    x1, y1, x2, y2 = box
    if flip_x:
        x1, x2 = 0.0 - x2, 0.0 - x1  # 0.0 - 0.0 is 0.0, never -0.0
    if flip_y:
        y1, y2 = 0.0 - y2, 0.0 - y1
    return (y1, x1, y2, x2) if transpose else (x1, y1, x2, y2)


def sample_box_pair(rng: np.random.Generator, relation: str) -> Case:
    """Two valid boxes in ``relation``: "any", "equal", "inside", "apart" (in x only), "apart
    both ways", "edge" (a shared stretch of edge) or "corner" (one shared corner), mirrored,
    transposed and swapped at random."""
    box1 = sample_box(rng)
    x1, y1, x2, y2 = box1
    w, h = (float(v) for v in rng.integers(1, 9, 2))
    gx, gy = (float(v) for v in rng.integers(1, 5, 2))
    if relation == "any":
        box2 = sample_box(rng)
    elif relation == "equal":
        box2 = box1
    elif relation == "inside":
        a, b, c, d = (float(v) for v in rng.integers(0, 4, 4))
        box2 = (x1 - a, y1 - b, x2 + c, y2 + d)
    elif relation in ("edge", "apart"):  # box2 right of box1 (at x2, or a gap after it), y-ranges overlapping
        gx = 0.0 if relation == "edge" else gx
        dy = float(rng.integers(int(-h + 1), int(y2 - y1)))  # integer coordinates
        box2 = (x2 + gx, y1 + dy, x2 + gx + w, y1 + dy + h)
    else:  # "corner" or "apart both ways": box2 below and right of box1
        gx, gy = (0.0, 0.0) if relation == "corner" else (gx, gy)
        box2 = (x2 + gx, y2 + gy, x2 + gx + w, y2 + gy + h)
    *flips, swap = (bool(v) for v in rng.integers(0, 2, 4))
    box1, box2 = _mirror(box1, *flips), _mirror(box2, *flips)
    if swap:
        box1, box2 = box2, box1
    return pair_case(box1, box2, "" if relation == "any" else relation)


def box_pairs(*relations: str) -> Sampled[Case]:
    """Pairs of boxes (:func:`sample_box_pair`), each in one of ``relations``, each as likely."""

    def sample(rng: np.random.Generator) -> Case:
        return sample_box_pair(rng, cast(str, sample_value(rng, relations)))

    return Sampled(sample)


COURSE_IOU = [  # the 2021 notebook's tests
    pair_case((2, 1, 4, 3), (1, 2, 3, 4), "the course's intersecting boxes"),
    pair_case((1, 2, 3, 4), (5, 6, 7, 8), "the course's boxes that do not intersect"),
    pair_case((1, 1, 2, 2), (2, 2, 3, 3), "the course's boxes touching at a vertex"),
    pair_case((1, 1, 3, 3), (2, 3, 3, 4), "the course's boxes touching along an edge"),
]


def expect_iou_value(got: object, what: str = "iou") -> float:
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, numbers.Real):
        fail(f"{what}: expected a number, got {kind(got)}")
    value = float(got)  # type: ignore[arg-type]
    if not 0 <= value <= 1:
        fail(f"{what} = {value:.6g}, outside [0, 1]: is the intersection clipped at 0 on each side?")
    return value


@pytest.mark.exercise("iou")
class CheckIou:
    @pytest.mark.points(4)
    @pytest.mark.hint("xi1 = max(x1, x1'), xi2 = min(x2, x2') (same in y); inter_area = max(xi2 - xi1, 0) * "
                      "max(yi2 - yi1, 0); union = area1 + area2 - inter_area")  # fmt: skip
    def check_course_examples(self, student):
        expect_like_reference(student.iou, ref.iou, COURSE_IOU, "iou", mistakes=mistakes.IOU)

    @pytest.mark.points(5)
    @pytest.mark.hint(
        "inter_area / (box1_area + box2_area - inter_area), the intersection's sides clipped at 0"
    )
    @given(batch=batches(box_pairs("any", "inside")))
    def check_matches_reference(self, student, batch):
        expect_like_reference(student.iou, ref.iou, batch, "iou", mistakes=mistakes.IOU)

    @pytest.mark.points(4)
    @pytest.mark.hint(
        "IoU is symmetric and in [0, 1]: the intersection is within each box, the union holds both"
    )
    @pytest.mark.needs("check_equal_boxes_give_1", "check_disjoint_boxes_give_0")  # a constant has it
    @given(batch=batches(box_pairs("any"), size=5))
    def check_symmetric_and_between_0_and_1(self, student, batch):
        swapped = [pair_case(c.args[1], c.args[0]) for c in batch]
        results = outcomes(student.iou, [*batch, *swapped])
        for k, case in enumerate(batch):
            with on(case.description):
                forward = expect_iou_value(unwrap(results[k]), "iou(box1, box2)")
                backward = expect_iou_value(unwrap(results[len(batch) + k]), "iou(box2, box1)")
                if abs(forward - backward) > REFERENCE.atol + REFERENCE.rtol * abs(forward):
                    fail(f"iou(box1, box2) = {forward:.6g} but iou(box2, box1) = {backward:.6g}: "
                         "divide by the union of both boxes")  # fmt: skip

    @pytest.mark.points(2)
    @pytest.mark.hint("a box overlaps itself entirely: the union counts the intersection once, "
                      "area1 + area2 - inter_area")  # fmt: skip
    @pytest.mark.needs("check_disjoint_boxes_give_0")  # returning 1 has it
    @given(batch=batches(box_pairs("equal")))
    def check_equal_boxes_give_1(self, student, batch):
        for case, got in judged(student.iou, batch):
            with on(case.description):
                expect_number(got, 1.0, "iou")

    @pytest.mark.points(3)
    @pytest.mark.hint("clip each side of the intersection at 0 before multiplying: two boxes apart in both "
                      "directions have two negative sides, whose product is positive")  # fmt: skip
    @pytest.mark.needs("check_equal_boxes_give_1")  # returning 0 has it
    @given(batch=batches(box_pairs("apart", "apart both ways")))
    def check_disjoint_boxes_give_0(self, student, batch):
        for case, got in judged(student.iou, batch):
            with on(case.description):
                try:
                    expect_number(got, 0.0, "iou of boxes that do not meet")
                except CheckFailed as failure:
                    raise recognised(
                        failure, got, case.args, mistakes.IOU, expect_same, "iou", REFERENCE
                    ) from None

    @pytest.mark.points(3)
    @pytest.mark.hint("boxes that only touch share no area: a side of the intersection is xi2 - xi1, "
                      "with no + 1")  # fmt: skip
    @pytest.mark.needs("check_equal_boxes_give_1")  # returning 0 has it
    @given(batch=batches(box_pairs("edge", "corner")))
    def check_touching_boxes_give_0(self, student, batch):
        for case, got in judged(student.iou, batch):
            with on(case.description):
                try:
                    expect_number(got, 0.0, "iou of boxes that only touch")
                except CheckFailed as failure:
                    raise recognised(
                        failure, got, case.args, mistakes.IOU, expect_same, "iou", REFERENCE
                    ) from None


# --------------------------------------------------------------------------- filtering


def make_grid(
    S: int, n_anchors: int, n_classes: int, seed: int, threshold: float, exact: bool = False
) -> Case:
    """Keyword arguments of ``yolo_filter_boxes``; ``exact``: confidences and probabilities
    powers of 2, so some scores equal the threshold exactly."""
    rng = np.random.default_rng(seed)
    shape = (S, S, n_anchors)
    if exact:
        box_confidence = rng.choice([0.25, 0.5, 1.0], (*shape, 1))
        box_class_probs = rng.choice([0.0, 0.125, 0.25, 0.5, 1.0], (*shape, n_classes))
    else:
        box_confidence = rng.uniform(0, 1, (*shape, 1))
        box_class_probs = rng.dirichlet(np.full(n_classes, 0.3), shape)
    kwargs = {"boxes": rng.uniform(0, 600, (*shape, 4)), "box_confidence": box_confidence,
              "box_class_probs": box_class_probs, "threshold": threshold}  # fmt: skip
    values = "powers of 2" if exact else "random"
    return Case((kwargs,), f"a {S}x{S} grid with {_count(n_anchors, 'anchor')} and "
                f"{_count(n_classes, 'class', 'classes')}, {values} probabilities, threshold={threshold:g}, "
                f"seed {seed}")  # fmt: skip


def grids(thresholds: Values, exact: bool = False) -> Sampled[Case]:
    """Grids of 1..4 cells a side, 1..3 anchors, 1..6 classes, a threshold among ``thresholds``."""

    def sample(rng: np.random.Generator) -> Case:
        S, n_anchors, n_classes = int(rng.integers(1, 5)), int(rng.integers(1, 4)), int(rng.integers(1, 7))
        threshold = cast(float, sample_value(rng, thresholds))
        return make_grid(S, n_anchors, n_classes, sample_seed(rng), threshold, exact)

    return Sampled(sample)


def keyword_outcomes(function, cases: list[Case]) -> list[object]:
    """One call per case with the keyword arguments ``case.args[0]`` (``map`` passes positions)."""
    results: list[object] = []
    for case in cases:
        try:
            results.append(function(**fresh(case.args[0])))
        except StudentRaised as error:
            if error.kind == "TypeError" and "keyword" in error.message:
                error = StudentRaised(error.function, f"{error.message} -- the grader calls yolo_filter_boxes("
                                      "boxes=..., box_confidence=..., box_class_probs=..., threshold=...): keep "
                                      "the course's parameter names", error.kind, error.where)  # fmt: skip
            results.append(error)
    return results


def expect_filtered_like_reference(student, batch: list[Case]) -> None:
    what = "(scores, boxes, classes)"
    for case, outcome in zip(batch, keyword_outcomes(student.yolo_filter_boxes, batch), strict=True):
        with on(case.description):
            got = unwrap(outcome)
            try:
                expect_same(got, ref.yolo_filter_boxes(**fresh(case.args[0])), what)
            except CheckFailed as failure:
                raise recognised(failure, got, case.args, mistakes.YOLO_FILTER_BOXES, expect_same, what,
                                 REFERENCE) from None  # fmt: skip


@pytest.mark.exercise("yolo_filter_boxes")
class CheckYoloFilterBoxes:
    @pytest.mark.points(8)
    @pytest.mark.hint("box_scores = box_confidence * box_class_probs; classes = argmax and scores = max over the "
                      "last axis; keep where scores >= threshold, with boolean indexing")  # fmt: skip
    @given(batch=batches(grids((0.05, 0.2, 0.4, 0.6))))
    def check_matches_reference(self, student, batch):
        expect_filtered_like_reference(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("a box whose best score equals the threshold is kept: use >=")
    @given(batch=batches(grids((0.125, 0.25, 0.5), exact=True)))
    def check_threshold_is_inclusive(self, student, batch):
        expect_filtered_like_reference(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("with nothing above the threshold return empty arrays of shapes (0,), (0, 4) and (0,): "
                      "boolean indexing gives them")  # fmt: skip
    @given(batch=batches(grids((1.5,)), size=3))
    def check_no_box_passes(self, student, batch):
        expect_filtered_like_reference(student, batch)


# --------------------------------------------------------------------------- non-max suppression


def make_detections(k: int, clusters: int, seed: int, max_boxes: int, iou_threshold: float) -> Case:
    """``k`` boxes around ``clusters`` centres (so many overlap), distinct scores, 3 classes."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0, 20, (clusters, 2))[rng.integers(0, clusters, k)] + rng.normal(0, 1, (k, 2))
    sizes = rng.uniform(2, 6, (k, 2))
    boxes = np.concatenate([centres - sizes / 2, centres + sizes / 2], axis=1)  # (k, 4)
    scores, classes = rng.uniform(0.1, 1, k), rng.integers(0, 3, k)
    return Case((scores, boxes, classes, max_boxes, iou_threshold),
                f"{_count(k, 'box', 'boxes')} in {_count(clusters, 'cluster')}, max_boxes={max_boxes}, "
                f"iou_threshold={iou_threshold:g}, seed {seed}")  # fmt: skip


def detections() -> Sampled[Case]:
    """1..15 boxes in 1..4 clusters, max_boxes in (1, 2, 3, 5, 10), iou_threshold in (0.3, 0.5, 0.7)."""

    def sample(rng: np.random.Generator) -> Case:
        k, clusters, seed = int(rng.integers(1, 16)), int(rng.integers(1, 5)), sample_seed(rng)
        max_boxes = cast(int, sample_value(rng, (1, 2, 3, 5, 10)))
        return make_detections(k, clusters, seed, max_boxes, cast(float, sample_value(rng, (0.3, 0.5, 0.7))))

    return Sampled(sample)


def pairwise_iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """IoU of every box of ``a`` (n, 4) with every box of ``b`` (p, 4): shape (n, p)."""
    widths = np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0])
    heights = np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1])
    inter = np.maximum(widths, 0) * np.maximum(heights, 0)
    area = lambda x: (x[:, 2] - x[:, 0]) * (x[:, 3] - x[:, 1])  # noqa: E731
    return inter / (area(a)[:, None] + area(b)[None, :] - inter)


def expect_kept(got: object, case: Case) -> np.ndarray:
    """The input indices of the returned boxes, after checking shapes, that each returned
    (score, box, class) is one input detection, none twice, by descending score."""
    scores, boxes, classes, max_boxes, _ = case.args
    s, b, c = expect_parts(got, ("scores", "boxes", "classes"))
    for name, value, ndim in (("scores", s, 1), ("boxes", b, 2), ("classes", c, 1)):
        if type(value) is not np.ndarray or value.ndim != ndim:
            fail(f"{name}: expected a {ndim}-d numpy array, got {kind(value)}")
    if not (b.shape[1:] == (4,) and s.shape[0] == b.shape[0] == c.shape[0]):
        fail(f"shapes {s.shape}, {b.shape}, {c.shape}: expected (n,), (n, 4), (n,)")
    if len(s) > max_boxes:
        fail(f"returned {len(s)} boxes, more than max_boxes={max_boxes}")
    index = []
    for n in range(len(s)):
        found = np.flatnonzero(np.all(boxes == b[n], axis=1))
        if not len(found):
            fail(f"returned box {n}, {_fmt(tuple(b[n]))}, is not one of the input boxes")
        i = int(found[0])
        if s[n] != scores[i] or c[n] != classes[i]:
            fail(f"returned box {n} is input box {i} but comes with score {s[n]:.6g} and class {c[n]} "
                 f"instead of its own {scores[i]:.6g} and {classes[i]}: reorder scores, boxes and classes "
                 "together")  # fmt: skip
        if i in index:
            fail(f"input box {i} is returned twice")
        index.append(i)
    if np.any(np.diff(s) > 0):
        n = int(np.argmax(np.diff(s) > 0))
        fail(f"scores are not in descending order: {s[n]:.6g} then {s[n + 1]:.6g}")
    return np.array(index, dtype=int)


def judged_nms(student, batch: list[Case]):
    for case, got in judged(student.yolo_non_max_suppression, batch):
        with on(case.description):
            yield case, got, expect_kept(got, case)


def nms_case(scores: list, boxes: list, classes: list, threshold: float, what: str) -> Case:
    arrays = (np.array(scores, dtype=float), np.array(boxes, dtype=float), np.array(classes))
    return Case((*arrays, 10, threshold), what)


ACROSS_CLASSES = [
    nms_case([0.9, 0.8], [[0, 0, 4, 4], [0, 0, 4, 3]], [0, 1], 0.5,
             "two boxes of classes 0 and 1 with IoU 0.75, iou_threshold=0.5"),
    nms_case([0.6, 0.7, 0.9], [[0, 0, 2, 2], [10, 10, 12, 12], [0, 0, 2, 2]], [2, 1, 0], 0.5,
             "two equal boxes of classes 2 and 0, and a third apart, iou_threshold=0.5"),
]  # fmt: skip
AT_THRESHOLD = [
    nms_case([0.9, 0.8], [[0, 0, 2, 2], [0, 0, 2, 1]], [0, 0], 0.5,
             "two boxes with IoU exactly 0.5, iou_threshold=0.5"),
    nms_case([0.5, 0.9, 0.7], [[0, 0, 4, 4], [0, 0, 4, 1], [0, 0, 1, 4]], [1, 1, 1], 0.25,
             "a 4x4 box overlapping a 4x1 and a 1x4 box with IoU exactly 0.25 each, iou_threshold=0.25"),
]  # fmt: skip
NO_BOXES = [Case((np.zeros(0), np.zeros((0, 4)), np.zeros(0, dtype=int), 10, 0.5), "no boxes at all")]


@pytest.mark.exercise("yolo_non_max_suppression")
class CheckYoloNonMaxSuppression:
    @pytest.mark.points(5)
    @pytest.mark.hint("take boxes by descending score; keep one unless its IoU with a box already kept is above "
                      "iou_threshold; stop at max_boxes; return the kept scores, boxes and classes")  # fmt: skip
    @given(batch=batches(detections()))
    def check_matches_reference(self, student, batch):
        expect_like_reference(student.yolo_non_max_suppression, ref.yolo_non_max_suppression, batch,
                              "(scores, boxes, classes)", mistakes=mistakes.YOLO_NON_MAX_SUPPRESSION)  # fmt: skip

    @pytest.mark.points(4)
    @pytest.mark.hint("no two kept boxes may overlap by more than iou_threshold: compare each candidate with "
                      "every box kept so far")  # fmt: skip
    @given(batch=batches(detections()))
    def check_kept_boxes_overlap_at_most_threshold(self, student, batch):
        for case, (_, boxes, _), _ in judged_nms(student, batch):
            with on(case.description):
                overlap = pairwise_iou(boxes, boxes) - 2 * np.eye(len(boxes))
                if overlap.size and overlap.max() > case.args[4]:
                    i, j = np.unravel_index(np.argmax(overlap), overlap.shape)
                    fail(f"kept boxes {i} and {j} overlap with IoU {overlap[i, j]:.4g} > {case.args[4]:g}")

    @pytest.mark.points(3)
    @pytest.mark.hint("return at most max_boxes of the input detections, each with its own score and class, "
                      "sorted by descending score")  # fmt: skip
    @given(batch=batches(detections()))
    def check_sorted_input_detections_at_most_max_boxes(self, student, batch):
        for _ in judged_nms(student, batch):
            pass

    @pytest.mark.points(3)
    @pytest.mark.hint("drop a box only when it overlaps a KEPT box of higher score by more than iou_threshold "
                      "(not a box that was itself dropped), and keep going until max_boxes are kept")  # fmt: skip
    @given(batch=batches(detections()))
    def check_every_dropped_box_overlaps_a_better_kept_box(self, student, batch):
        for case, _, kept in judged_nms(student, batch):
            with on(case.description):
                scores, boxes, _, max_boxes, threshold = case.args
                overlap = pairwise_iou(boxes, boxes[kept])  # (k, n)
                lowest = scores[kept].min() if len(kept) else np.inf
                for j in sorted(set(range(len(scores))) - set(kept.tolist()), key=lambda j: -scores[j]):
                    if len(kept) == max_boxes and scores[j] < lowest:
                        continue
                    if not np.any((scores[kept] > scores[j]) & (overlap[j] > threshold)):
                        fail(f"input box {j} (score {scores[j]:.4g}) was dropped, but no kept box of higher score "
                             f"overlaps it by more than {threshold:g}")  # fmt: skip

    @pytest.mark.points(2)
    @pytest.mark.hint("the kept boxes already overlap by at most iou_threshold: suppressing them again must keep "
                      "them all")  # fmt: skip
    @given(batch=batches(detections(), size=5))
    def check_running_twice_changes_nothing(self, student, batch):
        first = [(case, unwrap(o)) for case, o in zip(batch, outcomes(student.yolo_non_max_suppression, batch),
                                                       strict=True)]  # fmt: skip
        again = []
        for case, got in first:
            with on(case.description):
                expect_kept(got, case)
                arguments = (*got, *case.args[3:])  # type: ignore[misc]
                again.append(Case(arguments, f"{case.description}, run on its own output"))
        seconds = outcomes(student.yolo_non_max_suppression, again)
        for (_, got), case, second in zip(first, again, seconds, strict=True):
            with on(case.description):
                expect_same(unwrap(second), tuple(got), "(scores, boxes, classes)")  # type: ignore[arg-type]

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "suppress across all classes, as the course does: a box of another class is no protection"
    )
    def check_suppression_across_classes(self, student):
        expect_like_reference(student.yolo_non_max_suppression, ref.yolo_non_max_suppression, ACROSS_CLASSES,
                              "(scores, boxes, classes)", mistakes=mistakes.YOLO_NON_MAX_SUPPRESSION)  # fmt: skip

    @pytest.mark.points(1)
    @pytest.mark.hint("discard a box only if its IoU is greater than iou_threshold: equal keeps both")
    def check_iou_at_threshold_keeps_both(self, student):
        expect_like_reference(student.yolo_non_max_suppression, ref.yolo_non_max_suppression, AT_THRESHOLD,
                              "(scores, boxes, classes)", mistakes=mistakes.YOLO_NON_MAX_SUPPRESSION)  # fmt: skip

    @pytest.mark.points(1)
    @pytest.mark.hint("with no boxes return empty arrays of shapes (0,), (0, 4) and (0,)")
    def check_no_boxes(self, student):
        expect_like_reference(student.yolo_non_max_suppression, ref.yolo_non_max_suppression, NO_BOXES,
                              "(scores, boxes, classes)")  # fmt: skip


# --------------------------------------------------------------------------- encoding


def sample_encoding(rng: np.random.Generator, on_grid_line: bool = False) -> Case:
    """A box in an image of S x S cells (S in 1..7) of integer size (cw x ch pixels, 1..40);
    ``on_grid_line``: its centre's x, y or both on a grid line inside the image."""
    S = max(int(rng.integers(1, 8)), 2 if on_grid_line else 1)
    cw, ch = (int(v) for v in rng.integers(1, 41, 2))
    lined = cast(str, sample_value(rng, ("x", "y", "xy"))) if on_grid_line else ""
    corners = []
    for axis, cell in (("x", cw), ("y", ch)):
        size = S * cell
        if axis in lined:
            centre = int(rng.integers(1, S)) * cell
            half = int(rng.integers(1, min(centre, size - centre) + 1))
            corners.append((centre - half, centre + half))
        else:
            a = int(rng.integers(0, size))
            corners.append((a, int(rng.integers(a + 1, size + 1))))
    (x1, x2), (y1, y2) = corners
    box, H, W = (float(x1), float(y1), float(x2), float(y2)), S * ch, S * cw
    return Case((box, S, (float(H), float(W))), f"box={_fmt(box)}, grid_size={S}, image_shape=({H}, {W})")


def encode_cases(on_grid_line: bool = False) -> Sampled[Case]:
    return Sampled(functools.partial(sample_encoding, on_grid_line=on_grid_line))


LECTURE_ENCODINGS = [
    Case(((115.0, 85.0, 165.0, 175.0), 3, (300.0, 300.0)), "the lecture's 3x3 grid on a 300x300 image, "
         "box=(115, 85, 165, 175) (bx=0.4, by=0.3, bh=0.9, bw=0.5)"),
    Case(((100.0, 200.0, 300.0, 500.0), 19, (608.0, 608.0)), "the course's 19x19 grid on a 608x608 image, "
         "box=(100, 200, 300, 500)"),
    Case(((40.0, 300.0, 600.0, 700.0), 19, (720.0, 1280.0)), "a 19x19 grid on a 720x1280 image (H, W), "
         "box=(40, 300, 600, 700)"),
]  # fmt: skip


def expect_encoding(got: object, S: int) -> tuple[int, int, np.ndarray]:
    row, col, b = expect_parts(got, ("row", "col", "b"))
    for name, value in (("row", row), ("col", col)):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
            fail(f"{name}: expected an integer cell index, got {kind(value)}")
        if not 0 <= int(value) < S:
            fail(f"{name} = {value}, outside the grid 0..{S - 1}")
    if type(b) is not np.ndarray or b.shape != (4,) or b.dtype.kind != "f":
        fail(f"b: expected a float array [bx, by, bh, bw] of shape (4,), got {kind(b)}")
    return int(row), int(col), b


def compare_encoding(got: object, expected: object, what: str, tol: object = REFERENCE) -> None:
    row, col, b = expect_encoding(got, 10**9)
    e_row, e_col, e_b = cast("tuple[int, int, np.ndarray]", expected)  # the reference's
    if (row, col) != (e_row, e_col):
        fail(f"(row, col) = ({row}, {col}), expected ({e_row}, {e_col})")
    expect_array(b, e_b, "b = [bx, by, bh, bw]")


@pytest.mark.exercise("yolo_encode_box")
class CheckYoloEncodeBox:
    @pytest.mark.points(3)
    @pytest.mark.hint("the centre in cells is x_c * S / W; col = floor of it, bx = the rest; bh, bw = the box's "
                      "height and width in cells; image_shape is (H, W)")  # fmt: skip
    def check_lecture_examples(self, student):
        expect_like_reference(student.yolo_encode_box, ref.yolo_encode_box, LECTURE_ENCODINGS, "(row, col, b)",
                              compare=compare_encoding, mistakes=mistakes.YOLO_ENCODE_BOX)  # fmt: skip

    @pytest.mark.points(4)
    @pytest.mark.hint("return (row, col, np.array([bx, by, bh, bw])): row from y and H, col from x and W")
    @given(batch=batches(encode_cases()))
    def check_matches_reference(self, student, batch):
        expect_like_reference(student.yolo_encode_box, ref.yolo_encode_box, batch, "(row, col, b)",
                              compare=compare_encoding, mistakes=mistakes.YOLO_ENCODE_BOX)  # fmt: skip

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "a centre on a grid line belongs to the cell after it: col = floor(x_c * S / W), bx = 0"
    )
    @given(batch=batches(encode_cases(on_grid_line=True)))
    def check_centre_on_grid_line_goes_to_next_cell(self, student, batch):
        expect_like_reference(student.yolo_encode_box, ref.yolo_encode_box, batch, "(row, col, b)",
                              compare=compare_encoding, mistakes=mistakes.YOLO_ENCODE_BOX)  # fmt: skip

    @pytest.mark.points(2)
    @pytest.mark.hint("decoding must give the box back: x_c = (col + bx) * W / S, width = bw * W / S, "
                      "with 0 <= bx, by < 1")  # fmt: skip
    @given(batch=batches(encode_cases()))
    def check_decodes_back_to_the_box(self, student, batch):
        for case, got in judged(student.yolo_encode_box, batch):
            with on(case.description):
                (x1, y1, x2, y2), S, (H, W) = case.args
                row, col, (bx, by, bh, bw) = expect_encoding(got, S)
                for name, value in (("bx", bx), ("by", by)):
                    if not 0 <= value < 1:
                        fail(
                            f"{name} = {value:.6g}, outside [0, 1): the centre must lie in the cell (row, col)"
                        )
                decoded = np.array([(col + bx) * W / S, (row + by) * H / S, bw * W / S, bh * H / S])
                expected = np.array([(x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1])
                expect_array(decoded, expected, "the decoded [x_c, y_c, width, height]")


# --------------------------------------------------------------------------- anchors


def anchor_case(box: tuple, anchors: np.ndarray, what: str) -> Case:
    pairs = ", ".join(f"({w:g}, {h:g})" for w, h in anchors)
    return Case((box, anchors), f"box={_fmt(box)}, anchors=[{pairs}]{what}")


def sample_anchors(rng: np.random.Generator, kind: str = "random") -> Case:
    """``kind``: "random"; "own shape" (one anchor is the box's shape, the box anywhere);
    "same area" (anchors w x h, 2w x h/2, w/2 x 2h, shuffled); "tie" (two anchors equally
    good, worse ones around them).  The box's corner (x, y) in -50..50."""
    x, y = (int(v) for v in rng.integers(-50, 51, 2))
    if kind == "own shape":
        anchors = rng.integers(1, 33, (int(rng.integers(1, 7)), 2)) / 4
        w, h = anchors[int(rng.integers(len(anchors)))]
    elif kind == "same area":
        s = 2.0 ** int(rng.integers(-1, 4))
        anchors = rng.permutation(np.array([[s, s], [2 * s, s / 2], [s / 2, 2 * s]]))
        w, h = anchors[int(rng.integers(3))] * rng.uniform(0.8, 1.25, 2)
    elif kind == "tie":
        s = 2.0 ** int(rng.integers(-1, 4))
        w = h = 2 * s
        good = [[s, 4 * s], [4 * s, s]] if rng.integers(2) else [[2 * s, s], [s, 2 * s]]
        worse = [[16 * s, 16 * s], [s / 4, s / 4]][: int(rng.integers(3))]
        anchors = np.array(worse[:1] + good + worse[1:], dtype=float)
    else:
        anchors = rng.uniform(0.5, 8, (int(rng.integers(1, 7)), 2))
        w, h = rng.uniform(0.5, 8, 2)
    return anchor_case((float(x), float(y), float(x + w), float(y + h)), anchors, "" if kind == "random" else
                       f" ({kind})")  # fmt: skip


def anchor_cases(kind: str = "random") -> Sampled[Case]:
    return Sampled(functools.partial(sample_anchors, kind=kind))


def compare_index(got: object, expected: object, what: str, tol: object = REFERENCE) -> None:
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, numbers.Integral):
        fail(f"{what}: expected an integer index, got {kind(got)}")
    if got != expected:
        fail(f"{what}: got anchor {got}, expected anchor {expected}")


@pytest.mark.exercise("assign_anchor_box")
class CheckAssignAnchorBox:
    @pytest.mark.points(4)
    @pytest.mark.hint("centre the anchor on the box: inter = min(w, w_a) * min(h, h_a), union = w h + w_a h_a - "
                      "inter; return int(np.argmax(inter / union))")  # fmt: skip
    @given(batch=batches(anchor_cases()))
    def check_matches_reference(self, student, batch):
        expect_like_reference(student.assign_anchor_box, ref.assign_anchor_box, batch, "index",
                              compare=compare_index, mistakes=mistakes.ASSIGN_ANCHOR_BOX)  # fmt: skip

    @pytest.mark.points(3)
    @pytest.mark.hint("only the box's width and height matter, not where it is: an anchor of exactly its shape "
                      "has IoU 1")  # fmt: skip
    @given(batch=batches(anchor_cases("own shape")))
    def check_anchor_of_the_box_shape_wins_anywhere(self, student, batch):
        expect_like_reference(student.assign_anchor_box, ref.assign_anchor_box, batch, "index",
                              compare=compare_index, mistakes=mistakes.ASSIGN_ANCHOR_BOX)  # fmt: skip

    @pytest.mark.points(2)
    @pytest.mark.hint("anchors of equal area differ in shape: the IoU of the centred boxes tells a tall box "
                      "from a wide one")  # fmt: skip
    @given(batch=batches(anchor_cases("same area")))
    def check_equal_areas_told_apart_by_shape(self, student, batch):
        expect_like_reference(student.assign_anchor_box, ref.assign_anchor_box, batch, "index",
                              compare=compare_index, mistakes=mistakes.ASSIGN_ANCHOR_BOX)  # fmt: skip

    @pytest.mark.points(2)
    @pytest.mark.hint("on a tie take the first anchor, as np.argmax does (a loop must use >, not >=)")
    @given(batch=batches(anchor_cases("tie")))
    def check_tie_goes_to_first_anchor(self, student, batch):
        expect_like_reference(student.assign_anchor_box, ref.assign_anchor_box, batch, "index",
                              compare=compare_index, mistakes=mistakes.ASSIGN_ANCHOR_BOX)  # fmt: skip


# --------------------------------------------------------------------------- sliding windows

SAME = {"stride": 1, "pad": 0}
#: Any finite values: a comparison of type, shape and dtype only.
ANY_VALUES = Tolerance(rtol=0.0, atol=np.inf)


class Classifier:
    """A small classifier CONV f1 -> RELU -> MAXPOOL 2/2 -> FC n_2 -> RELU -> FC n_y, and its
    input size ``n_H0 = 2 f + f1 - 1`` (f the side of the pooled volume)."""

    def __init__(self, f1: int, n_C0: int, n_C1: int, f: int, n_2: int, n_y: int, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self.f, self.n_C1, self.n_H0 = f, n_C1, 2 * f + f1 - 1
        self.parameters = {
            "W1": rng.standard_normal((f1, f1, n_C0, n_C1)), "b1": rng.standard_normal((1, 1, 1, n_C1)),
            "W2": rng.standard_normal((n_2, f * f * n_C1)), "b2": rng.standard_normal((n_2, 1)),
            "W3": rng.standard_normal((n_y, n_2)), "b3": rng.standard_normal((n_y, 1)),
        }  # fmt: skip
        self.rng = rng

    def __str__(self) -> str:
        p = self.parameters
        return (f"a classifier of {self.n_H0}x{self.n_H0}x{p['W1'].shape[2]} windows (conv {p['W1'].shape[0]}x"
                f"{p['W1'].shape[0]}, {self.n_C1} filters, max pool 2/2, FC {p['W2'].shape[0]}, FC {p['W3'].shape[0]})")  # fmt: skip


def classify_windows(windows: np.ndarray, parameters: dict) -> np.ndarray:
    """The classifier on windows (m, n_H0, n_W0, n_C0), vectorized (judge-side, written apart
    from the reference's loops): the valid convolution as an einsum over sliding windows,
    the 2x2 max pool as a reshape; (m, n_y) probabilities."""
    f1 = parameters["W1"].shape[0]
    patches = np.lib.stride_tricks.sliding_window_view(windows, (f1, f1), axis=(1, 2))  # (m, h, w, c, u, v)
    A1 = np.maximum(np.einsum("mhwcuv,uvcd->mhwd", patches, parameters["W1"]) + parameters["b1"], 0)
    m, h, w, n_C1 = A1.shape  # h = w = 2 f
    P1 = A1.reshape(m, h // 2, 2, w // 2, 2, n_C1).max(axis=(2, 4))
    A2 = np.maximum(P1.reshape(m, -1) @ parameters["W2"].T + parameters["b2"].T, 0)  # (m, n_2)
    Z3 = A2 @ parameters["W3"].T + parameters["b3"].T  # (m, n_y)
    E = np.exp(Z3 - Z3.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


#: The ranges of (f1, n_C0, n_C1, f, n_2, n_y) of the classifiers, bounds included.
CLASSIFIER_SIZES = ((1, 3), (1, 2), (1, 3), (1, 2), (1, 4), (2, 3))


def sample_classifier(rng: np.random.Generator) -> Classifier:
    """A :class:`Classifier` of sizes uniform in :data:`CLASSIFIER_SIZES`."""
    f1, n_C0, n_C1, f, n_2, n_y = (int(rng.integers(low, high + 1)) for low, high in CLASSIFIER_SIZES)
    return Classifier(f1, n_C0, n_C1, f, n_2, n_y, sample_seed(rng))


def fc_case(net: Classifier, m: int) -> Case:
    W_fc, b_fc = net.parameters["W2"], net.parameters["b2"]
    return Case((W_fc, b_fc, net.f, net.n_C1), f"W_fc of shape {W_fc.shape}, f={net.f}, n_C_prev={net.n_C1}")


def sliding_case(net: Classifier, m: int, k_H: int, k_W: int) -> Case:
    X = net.rng.standard_normal((m, net.n_H0 + 2 * k_H, net.n_H0 + 2 * k_W, net.parameters["W1"].shape[2]))
    return Case((X, net.parameters), f"{net}, X of shape {X.shape}")


def fc_cases() -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        return fc_case(sample_classifier(rng), 1)

    return Sampled(sample)


def sliding_cases(max_m: int = 2, max_k: int = 2) -> Sampled[Case]:
    """Images up to ``2 max_k`` pixels larger than the classifier's window on each axis."""

    def sample(rng: np.random.Generator) -> Case:
        net = sample_classifier(rng)
        m = int(rng.integers(1, max_m + 1))
        return sliding_case(net, m, int(rng.integers(max_k + 1)), int(rng.integers(max_k + 1)))

    return Sampled(sample)


@pytest.mark.exercise("fc_to_conv")
class CheckFcToConv:
    @pytest.mark.points(4)
    @pytest.mark.hint("W = W_fc.T.reshape(f, f, n_C_prev, n_units): the units become the filters; "
                      "b = b_fc.reshape(1, 1, 1, n_units)")  # fmt: skip
    @given(batch=batches(fc_cases()))
    def check_values(self, student, batch):
        expect_like_reference(
            student.fc_to_conv, ref.fc_to_conv, batch, "(W, b)", mistakes=mistakes.FC_TO_CONV
        )

    @pytest.mark.points(3)
    @pytest.mark.hint("conv_forward(A, W, b, stride 1, pad 0) on an f x f x n_C_prev volume must give the FC "
                      "layer's np.dot(W_fc, A.reshape(m, -1).T) + b_fc: the flattening is row, column, channel")  # fmt: skip
    @given(batch=batches(fc_cases(), size=5), seed=seeds)
    def check_the_convolution_is_the_layer(self, student, batch, seed):
        for case, value in judged(student.fc_to_conv, batch):
            with on(case.description):
                W_fc, b_fc, f, n_C_prev = case.args
                W, b = expect_parts(value, ("W", "b"))
                expect_array(W, np.zeros((f, f, n_C_prev, W_fc.shape[0])), "W", ANY_VALUES)
                expect_array(b, np.zeros((1, 1, 1, W_fc.shape[0])), "b", ANY_VALUES)
                A = np.random.default_rng(seed).standard_normal((3, f, f, n_C_prev))
                expected = (np.dot(W_fc, A.reshape(3, -1).T) + b_fc).T  # (3, n_units)
                try:
                    expect_same(conv_forward(A, W, b, SAME)[0][:, 0, 0, :], expected,
                                "conv_forward(A, W, b) at its one position, against the FC layer on A")  # fmt: skip
                except CheckFailed as failure:
                    raise recognised(failure, value, case.args, mistakes.FC_TO_CONV, expect_same, "(W, b)",
                                     REFERENCE) from None  # fmt: skip


@pytest.mark.exercise("sliding_windows_forward")
class CheckSlidingWindowsForward:
    @pytest.mark.points(6)
    @pytest.mark.hint("conv_forward, relu, pool_forward (max, 2/2), then the FC layers as convolutions "
                      "(fc_to_conv with f, then f = 1), relu between, softmax over the last axis")  # fmt: skip
    @given(batch=batches(sliding_cases(max_m=1, max_k=1), size=5))
    def check_values(self, student, batch):
        expect_like_reference(student.sliding_windows_forward, ref.sliding_windows_forward, batch, "Y_hat",
                              mistakes=mistakes.SLIDING_WINDOWS)  # fmt: skip

    @pytest.mark.points(7)
    @pytest.mark.hint("Y_hat[:, p, q, :] must be the classifier on the window X[:, 2p : 2p + n_H0, "
                      "2q : 2q + n_W0, :]: the windows move by the max pool's stride, 2")  # fmt: skip
    @given(batch=batches(sliding_cases(), size=5))
    def check_each_position_is_the_classifier_on_its_window(self, student, batch):
        for case, value in judged(student.sliding_windows_forward, batch):
            with on(case.description):
                X, parameters = case.args
                n_H0 = parameters["W1"].shape[0] - 1 + 2 * int(round(np.sqrt(parameters["W2"].shape[1]
                                                                              / parameters["W1"].shape[3])))  # fmt: skip
                rows, cols = (X.shape[1] - n_H0) // 2 + 1, (X.shape[2] - n_H0) // 2 + 1
                n_y = parameters["W3"].shape[0]
                expect_array(value, np.zeros((X.shape[0], rows, cols, n_y)), "Y_hat", ANY_VALUES)
                assert isinstance(value, np.ndarray)
                positions = [(p, q) for p in range(rows) for q in range(cols)]
                windows = np.concatenate(
                    [X[:, 2 * p : 2 * p + n_H0, 2 * q : 2 * q + n_H0, :] for p, q in positions]
                )
                expected = classify_windows(windows, parameters).reshape(len(positions), X.shape[0], n_y)
                for (p, q), on_window in zip(positions, expected, strict=True):
                    expect_same(value[:, p, q, :], on_window,
                                f"Y_hat[:, {p}, {q}, :] against the classifier on the window at rows "
                                f"{2 * p}..{2 * p + n_H0 - 1}, columns {2 * q}..{2 * q + n_H0 - 1}")  # fmt: skip
