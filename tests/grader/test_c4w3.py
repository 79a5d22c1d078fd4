"""c4w3 end to end: filtering of either signature generation is graded alike, a realistic
student file gets the messages its mistakes deserve, and each known mistake differs from the
reference."""

import copy
import textwrap

import numpy as np
import pytest

from grader.api import grade
from grader.checks import c4w3_mistakes as mistakes
from grader.judge.compare import CheckFailed, expect_same
from reference import detection as ref

# A student file: the 2020 signature of yolo_filter_boxes (confidence first), non-max
# suppression through the student's own iou but within each class, image_shape read as
# (W, H), and assign_anchor_box not attempted.
STUDENT = textwrap.dedent("""
    import numpy as np


    # GRADED FUNCTION: iou
    def iou(box1, box2):
        (box1_x1, box1_y1, box1_x2, box1_y2) = box1
        (box2_x1, box2_y1, box2_x2, box2_y2) = box2
        xi1, yi1, xi2, yi2 = max(box1_x1, box2_x1), max(box1_y1, box2_y1), min(box1_x2, box2_x2), min(box1_y2, box2_y2)
        inter_area = max(xi2 - xi1, 0) * max(yi2 - yi1, 0)
        box1_area = (box1_x2 - box1_x1) * (box1_y2 - box1_y1)
        box2_area = (box2_x2 - box2_x1) * (box2_y2 - box2_y1)
        return inter_area / (box1_area + box2_area - inter_area)


    # GRADED FUNCTION: yolo_filter_boxes
    def yolo_filter_boxes(box_confidence, boxes, box_class_probs, threshold=.6):
        box_scores = box_confidence * box_class_probs
        box_classes = np.argmax(box_scores, axis=-1)
        box_class_scores = np.max(box_scores, axis=-1)
        filtering_mask = box_class_scores >= threshold
        return box_class_scores[filtering_mask], boxes[filtering_mask], box_classes[filtering_mask]


    # GRADED FUNCTION: yolo_non_max_suppression
    def yolo_non_max_suppression(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
        keep = []
        for i in np.argsort(-scores):
            if len(keep) < max_boxes and all(
                classes[i] != classes[j] or iou(boxes[i], boxes[j]) <= iou_threshold for j in keep
            ):  # mistake: only boxes of the same class suppress each other
                keep.append(i)
        keep = np.array(keep, dtype=int)
        return scores[keep], boxes[keep], classes[keep]


    # GRADED FUNCTION: yolo_encode_box
    def yolo_encode_box(box, grid_size, image_shape):
        x1, y1, x2, y2 = box
        width, height = image_shape  # mistake: image_shape is (H, W)
        cell_w, cell_h = width / grid_size, height / grid_size
        x_c, y_c = (x1 + x2) / 2 / cell_w, (y1 + y2) / 2 / cell_h
        col, row = int(np.floor(x_c)), int(np.floor(y_c))
        return row, col, np.array([x_c - col, y_c - row, (y2 - y1) / cell_h, (x2 - x1) / cell_w])


    # GRADED FUNCTION: assign_anchor_box
    def assign_anchor_box(box, anchors):
        # YOUR CODE STARTS HERE
        raise NotImplementedError
        # YOUR CODE ENDS HERE
""")


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    path = tmp_path_factory.mktemp("student") / "c4w3.py"
    path.write_text(STUDENT)
    return grade("c4w3", path)


def failed_checks(result, exercise):
    return {c.name: c for c in result.exercise(exercise).checks if not c.passed}


def graded_with(tmp_path, old, new):
    path = tmp_path / "c4w3.py"
    path.write_text(STUDENT.replace(old, new))
    return grade("c4w3", path)


def test_the_student_gets_a_status_per_mistake(student):
    assert {e.name: e.status for e in student.exercises if e.status != "passed"} == {
        "yolo_non_max_suppression": "failed",
        "yolo_encode_box": "failed",
        "assign_anchor_box": "missing",
        "fc_to_conv": "missing",
        "sliding_windows_forward": "missing",
    }


def test_filtering_with_the_2020_argument_order_gets_full_marks(student):
    exercise = student.exercise("yolo_filter_boxes")
    assert exercise.score == exercise.max_score == 16


def test_suppression_within_each_class_is_named(student):
    failed = failed_checks(student, "yolo_non_max_suppression")
    assert "check_suppression_across_classes" in failed
    message = failed["check_suppression_across_classes"].message
    assert message.startswith("On two boxes of classes 0 and 1 with IoU 0.75")
    assert message.endswith("this is exactly what non-max suppression within each class gives")
    assert "check_kept_boxes_overlap_at_most_threshold" in failed


def test_image_shape_read_width_first_is_named(student):
    failed = failed_checks(student, "yolo_encode_box")
    assert failed["check_lecture_examples"].message.endswith(
        "this is exactly what image_shape read as (width, height) gives"
    )
    assert failed["check_lecture_examples"].hint == "image_shape is (H, W), height first, as in the course"


def test_an_iou_that_clips_only_the_area_fails_on_boxes_apart_both_ways(tmp_path):
    result = graded_with(
        tmp_path, "max(xi2 - xi1, 0) * max(yi2 - yi1, 0)", "max((xi2 - xi1) * (yi2 - yi1), 0)"
    )
    failed = failed_checks(result, "iou")
    assert "check_disjoint_boxes_give_0" in failed and "check_touching_boxes_give_0" not in failed
    message = failed["check_disjoint_boxes_give_0"].message
    assert "(apart both ways)" in message
    assert message.endswith(
        "this is exactly what an intersection whose sides are not each clipped at 0 before "
        "they are multiplied gives"
    )


def test_renamed_filtering_parameters_are_told_the_keyword_call(tmp_path):
    result = graded_with(
        tmp_path,
        "def yolo_filter_boxes(box_confidence, boxes,",
        "def yolo_filter_boxes(box_confidence, box_xy,",
    )
    message = failed_checks(result, "yolo_filter_boxes")["check_matches_reference"].message
    assert "unexpected keyword argument 'boxes'" in message
    assert "keep the course's parameter names" in message


# The known mistakes.


def arguments():
    rng = np.random.default_rng(1)
    grid = {"boxes": rng.uniform(0, 9, (3, 3, 2, 4)), "box_confidence": rng.choice([0.5, 1.0], (3, 3, 2, 1)),
            "box_class_probs": rng.choice([0.25, 0.5, 1.0], (3, 3, 2, 4)), "threshold": 0.5}  # fmt: skip
    detections = (np.array([0.9, 0.8, 0.7]), np.array([[0.0, 0, 2, 2], [0, 0, 2, 1], [0, 0, 2, 2.5]]),
                  np.array([0, 0, 1]), 10, 0.5)  # fmt: skip
    anchors = np.array([[4.0, 1.0], [2.0, 2.0], [1.0, 4.0]])
    return {
        "IOU": [(ref.iou, ((0, 0, 2, 2), (3, 3, 5, 5))), (ref.iou, ((0, 0, 2, 2), (1, 1, 3, 3)))],
        "YOLO_FILTER_BOXES": [(lambda kw: ref.yolo_filter_boxes(**kw), (grid,))],
        "YOLO_NON_MAX_SUPPRESSION": [(ref.yolo_non_max_suppression, detections)],
        "YOLO_ENCODE_BOX": [(ref.yolo_encode_box, ((50.0, 120.0, 150.0, 160.0), 4, (200.0, 400.0)))],
        "ASSIGN_ANCHOR_BOX": [(ref.assign_anchor_box, ((10.0, 10.0, 11.0, 13.5), anchors))],
    }  # fmt: skip


@pytest.mark.parametrize(("group", "mistake"), [(g, m) for g in arguments() for m in getattr(mistakes, g)],
                         ids=lambda x: x if isinstance(x, str) else x.description)  # fmt: skip
def test_a_known_mistake_gives_something_else_than_the_reference(group, mistake):
    differs = 0
    for reference, args in arguments()[group]:
        try:
            expect_same(mistake.gives(*copy.deepcopy(args)), reference(*copy.deepcopy(args)), "result")
        except CheckFailed:
            differs += 1
    assert differs


def small_classifier(seed=0, f1=3, n_C0=2, n_C1=4, f=2, n_2=5, n_y=3):
    rng = np.random.default_rng(seed)
    return {"W1": rng.standard_normal((f1, f1, n_C0, n_C1)), "b1": rng.standard_normal((1, 1, 1, n_C1)),
            "W2": rng.standard_normal((n_2, f * f * n_C1)), "b2": rng.standard_normal((n_2, 1)),
            "W3": rng.standard_normal((n_y, n_2)), "b3": rng.standard_normal((n_y, 1))}  # fmt: skip


def test_an_fc_layer_as_filters_is_the_layer():
    from reference.convolution import conv_forward

    rng = np.random.default_rng(1)
    W_fc, b_fc, A = (
        rng.standard_normal((5, 2 * 2 * 3)),
        rng.standard_normal((5, 1)),
        rng.standard_normal((4, 2, 2, 3)),
    )
    W, b = ref.fc_to_conv(W_fc, b_fc, 2, 3)
    assert W.shape == (2, 2, 3, 5) and b.shape == (1, 1, 1, 5)
    Z, _ = conv_forward(A, W, b, {"stride": 1, "pad": 0})
    np.testing.assert_allclose(Z[:, 0, 0, :], (W_fc @ A.reshape(4, -1).T + b_fc).T)


def test_each_output_position_is_the_classifier_on_its_window_at_the_pool_stride():
    parameters = small_classifier()
    X = np.random.default_rng(2).standard_normal((2, 6 + 4, 6 + 2, 2))  # n_H0 = 2 * 2 + 3 - 1 = 6
    Y_hat = ref.sliding_windows_forward(X, parameters)
    assert Y_hat.shape == (2, 3, 2, 3)
    for p in range(3):
        for q in range(2):
            window = X[:, 2 * p : 2 * p + 6, 2 * q : 2 * q + 6]
            np.testing.assert_allclose(Y_hat[:, p, q], ref.classifier_forward(window, parameters))


@pytest.mark.parametrize(
    "mistake", mistakes.FC_TO_CONV + mistakes.SLIDING_WINDOWS, ids=lambda m: m.description
)
def test_each_sliding_windows_mistake_differs_from_the_reference(mistake):
    parameters = small_classifier(f1=2, n_C1=3)
    if mistake in mistakes.FC_TO_CONV:
        args, right = (parameters["W2"], parameters["b2"], 2, 3), ref.fc_to_conv
        wrong, expected = mistake.gives(*args)[0], right(*args)[0]
    else:
        args = (np.random.default_rng(3).standard_normal((1, 5 + 2, 5, 2)), parameters)
        wrong, expected = mistake.gives(*args), ref.sliding_windows_forward(*args)
    assert wrong.shape != expected.shape or not np.allclose(wrong, expected)


def test_the_judges_vectorized_classifier_is_the_references():
    from grader.checks.c4w3 import classify_windows

    parameters = small_classifier(seed=4)
    windows = np.random.default_rng(5).standard_normal((3, 6, 6, 2))
    np.testing.assert_allclose(
        classify_windows(windows, parameters), ref.classifier_forward(windows, parameters)
    )
