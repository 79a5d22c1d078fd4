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

Each graded function is declared once (``EXERCISES``: reference, result, known mistakes from
:mod:`grader.checks.c4w3_mistakes`).  How the inputs are drawn (the samplers, the fixed
cases) is :mod:`grader.checks.c4w3_inputs`; the module's own comparisons (the judge's IoU,
the contract of a suppression, the shape of an encoding) are :mod:`grader.checks.c4w3_expect`.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

from grader.checks import c4w3_mistakes as mistakes
from grader.checks.c4w3_expect import (
    ANY_VALUES,
    SAME,
    classify_windows,  # noqa: F401  (the tests import it from here)
    compare_encoding,
    compare_index,
    expect_classifier_on_each_window,
    expect_dropped_boxes_overlap_better_kept,
    expect_encoding,
    expect_iou_value,
    expect_kept,
    judged_nms,
    like_reference_by_keywords,
    pairwise_iou,
)
from grader.checks.c4w3_inputs import (
    ACROSS_CLASSES,
    AT_THRESHOLD,
    COURSE_IOU,
    LECTURE_ENCODINGS,
    NO_BOXES,
    anchor_cases,
    box_pairs,
    detections,
    encode_cases,
    fc_cases,
    grids,
    pair_case,
    sliding_cases,
)
from grader.judge.compare import (
    REFERENCE,
    CheckFailed,
    expect_array,
    expect_number,
    expect_parts,
    expect_same,
    fail,
    on,
)
from grader.judge.exercises import Exercise, declare
from grader.judge.judging import judged, outcomes, unwrap
from grader.judge.strategies import Case, batches, seeds
from reference import detection as ref
from reference.convolution import conv_forward

IOU = Exercise("iou", ref.iou, returns="iou", mistakes=mistakes.IOU)
#: Called with keywords (:func:`grader.checks.c4w3_expect.like_reference_by_keywords`): its cases
#: and known mistakes take the dict of keyword arguments.
FILTER = Exercise("yolo_filter_boxes", ref.yolo_filter_boxes, returns="(scores, boxes, classes)",
                  mistakes=mistakes.YOLO_FILTER_BOXES)  # fmt: skip
NMS = Exercise("yolo_non_max_suppression", ref.yolo_non_max_suppression, returns="(scores, boxes, classes)",
               mistakes=mistakes.YOLO_NON_MAX_SUPPRESSION)  # fmt: skip
ENCODE = Exercise(
    "yolo_encode_box",
    ref.yolo_encode_box,
    returns="(row, col, b)",
    mistakes=mistakes.YOLO_ENCODE_BOX,
    comparison=compare_encoding,
)
ANCHOR = Exercise(
    "assign_anchor_box",
    ref.assign_anchor_box,
    returns="index",
    mistakes=mistakes.ASSIGN_ANCHOR_BOX,
    comparison=compare_index,
)
FC_TO_CONV = Exercise("fc_to_conv", ref.fc_to_conv, returns="(W, b)", mistakes=mistakes.FC_TO_CONV)
SLIDING = Exercise("sliding_windows_forward", ref.sliding_windows_forward, returns="Y_hat",
                   mistakes=mistakes.SLIDING_WINDOWS)  # fmt: skip
EXERCISES = declare(IOU, FILTER, NMS, ENCODE, ANCHOR, FC_TO_CONV, SLIDING)


# --------------------------------------------------------------------------- boxes


@pytest.mark.exercise("iou")
class CheckIou:
    @pytest.mark.points(4)
    @pytest.mark.hint("xi1 = max(x1, x1'), xi2 = min(x2, x2') (same in y); inter_area = max(xi2 - xi1, 0) * "
                      "max(yi2 - yi1, 0); union = area1 + area2 - inter_area")  # fmt: skip
    def check_course_examples(self, student):
        IOU.like_reference(student, COURSE_IOU)

    @pytest.mark.points(5)
    @pytest.mark.hint(
        "inter_area / (box1_area + box2_area - inter_area), the intersection's sides clipped at 0"
    )
    @given(batch=batches(box_pairs("any", "inside")))
    def check_matches_reference(self, student, batch):
        IOU.like_reference(student, batch)

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
                    raise IOU.recognised(failure, got, case.args) from None

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
                    raise IOU.recognised(failure, got, case.args) from None


# --------------------------------------------------------------------------- filtering


@pytest.mark.exercise("yolo_filter_boxes")
class CheckYoloFilterBoxes:
    @pytest.mark.points(8)
    @pytest.mark.hint("box_scores = box_confidence * box_class_probs; classes = argmax and scores = max over the "
                      "last axis; keep where scores >= threshold, with boolean indexing")  # fmt: skip
    @given(batch=batches(grids((0.05, 0.2, 0.4, 0.6))))
    def check_matches_reference(self, student, batch):
        like_reference_by_keywords(FILTER, student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("a box whose best score equals the threshold is kept: use >=")
    @given(batch=batches(grids((0.125, 0.25, 0.5), exact=True)))
    def check_threshold_is_inclusive(self, student, batch):
        like_reference_by_keywords(FILTER, student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("with nothing above the threshold return empty arrays of shapes (0,), (0, 4) and (0,): "
                      "boolean indexing gives them")  # fmt: skip
    @given(batch=batches(grids((1.5,)), size=3))
    def check_no_box_passes(self, student, batch):
        like_reference_by_keywords(FILTER, student, batch)


# --------------------------------------------------------------------------- non-max suppression


@pytest.mark.exercise("yolo_non_max_suppression")
class CheckYoloNonMaxSuppression:
    @pytest.mark.points(5)
    @pytest.mark.hint("take boxes by descending score; keep one unless its IoU with a box already kept is above "
                      "iou_threshold; stop at max_boxes; return the kept scores, boxes and classes")  # fmt: skip
    @given(batch=batches(detections()))
    def check_matches_reference(self, student, batch):
        NMS.like_reference(student, batch)

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
                expect_dropped_boxes_overlap_better_kept(case, kept)

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
                expect_same(unwrap(second), tuple(got), NMS.what)  # type: ignore[arg-type]

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "suppress across all classes, as the course does: a box of another class is no protection"
    )
    def check_suppression_across_classes(self, student):
        NMS.like_reference(student, ACROSS_CLASSES)

    @pytest.mark.points(1)
    @pytest.mark.hint("discard a box only if its IoU is greater than iou_threshold: equal keeps both")
    def check_iou_at_threshold_keeps_both(self, student):
        NMS.like_reference(student, AT_THRESHOLD)

    @pytest.mark.points(1)
    @pytest.mark.hint("with no boxes return empty arrays of shapes (0,), (0, 4) and (0,)")
    def check_no_boxes(self, student):
        NMS.like_reference(student, NO_BOXES, mistakes=())


# --------------------------------------------------------------------------- encoding


@pytest.mark.exercise("yolo_encode_box")
class CheckYoloEncodeBox:
    @pytest.mark.points(3)
    @pytest.mark.hint("the centre in cells is x_c * S / W; col = floor of it, bx = the rest; bh, bw = the box's "
                      "height and width in cells; image_shape is (H, W)")  # fmt: skip
    def check_lecture_examples(self, student):
        ENCODE.like_reference(student, LECTURE_ENCODINGS)

    @pytest.mark.points(4)
    @pytest.mark.hint("return (row, col, np.array([bx, by, bh, bw])): row from y and H, col from x and W")
    @given(batch=batches(encode_cases()))
    def check_matches_reference(self, student, batch):
        ENCODE.like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "a centre on a grid line belongs to the cell after it: col = floor(x_c * S / W), bx = 0"
    )
    @given(batch=batches(encode_cases(on_grid_line=True)))
    def check_centre_on_grid_line_goes_to_next_cell(self, student, batch):
        ENCODE.like_reference(student, batch)

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


@pytest.mark.exercise("assign_anchor_box")
class CheckAssignAnchorBox:
    @pytest.mark.points(4)
    @pytest.mark.hint("centre the anchor on the box: inter = min(w, w_a) * min(h, h_a), union = w h + w_a h_a - "
                      "inter; return int(np.argmax(inter / union))")  # fmt: skip
    @given(batch=batches(anchor_cases()))
    def check_matches_reference(self, student, batch):
        ANCHOR.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("only the box's width and height matter, not where it is: an anchor of exactly its shape "
                      "has IoU 1")  # fmt: skip
    @given(batch=batches(anchor_cases("own shape")))
    def check_anchor_of_the_box_shape_wins_anywhere(self, student, batch):
        ANCHOR.like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint("anchors of equal area differ in shape: the IoU of the centred boxes tells a tall box "
                      "from a wide one")  # fmt: skip
    @given(batch=batches(anchor_cases("same area")))
    def check_equal_areas_told_apart_by_shape(self, student, batch):
        ANCHOR.like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint("on a tie take the first anchor, as np.argmax does (a loop must use >, not >=)")
    @given(batch=batches(anchor_cases("tie")))
    def check_tie_goes_to_first_anchor(self, student, batch):
        ANCHOR.like_reference(student, batch)


# --------------------------------------------------------------------------- sliding windows


@pytest.mark.exercise("fc_to_conv")
class CheckFcToConv:
    @pytest.mark.points(4)
    @pytest.mark.hint("W = W_fc.T.reshape(f, f, n_C_prev, n_units): the units become the filters; "
                      "b = b_fc.reshape(1, 1, 1, n_units)")  # fmt: skip
    @given(batch=batches(fc_cases()))
    def check_values(self, student, batch):
        FC_TO_CONV.like_reference(student, batch)

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
                    raise FC_TO_CONV.recognised(failure, value, case.args) from None


@pytest.mark.exercise("sliding_windows_forward")
class CheckSlidingWindowsForward:
    @pytest.mark.points(6)
    @pytest.mark.hint("conv_forward, relu, pool_forward (max, 2/2), then the FC layers as convolutions "
                      "(fc_to_conv with f, then f = 1), relu between, softmax over the last axis")  # fmt: skip
    @given(batch=batches(sliding_cases(max_m=1, max_k=1), size=5))
    def check_values(self, student, batch):
        SLIDING.like_reference(student, batch)

    @pytest.mark.points(7)
    @pytest.mark.hint("Y_hat[:, p, q, :] must be the classifier on the window X[:, 2p : 2p + n_H0, "
                      "2q : 2q + n_W0, :]: the windows move by the max pool's stride, 2")  # fmt: skip
    @given(batch=batches(sliding_cases(), size=5))
    def check_each_position_is_the_classifier_on_its_window(self, student, batch):
        for case, value in judged(student.sliding_windows_forward, batch):
            with on(case.description):
                expect_classifier_on_each_window(value, *case.args)
