"""reference.detection: IoU's properties on drawn boxes (touching included), filtering by the
course's rule, greedy non-max suppression against a brute-force reading of its contract, the
YOLO encoding decoded back, the anchor choice, and the graded module's shape."""

import ast
import pathlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.instructor.stubs import strip_solutions
from reference import detection
from reference.detection import (
    assign_anchor_box,
    iou,
    yolo_encode_box,
    yolo_filter_boxes,
    yolo_non_max_suppression,
)

SETTINGS = settings(derandomize=True, database=None, deadline=None, max_examples=60)
GRADED = ["iou", "yolo_filter_boxes", "yolo_non_max_suppression", "yolo_encode_box", "assign_anchor_box",
          "fc_to_conv", "sliding_windows_forward"]  # fmt: skip
HELPERS = ["classifier_forward"]  # the small classifier the sliding windows are checked against
SOURCE = pathlib.Path(detection.__file__).read_text()


@st.composite
def boxes(draw):
    x1, y1 = draw(st.integers(-10, 10)), draw(st.integers(-10, 10))
    return (float(x1), float(y1), float(x1 + draw(st.integers(1, 8))), float(y1 + draw(st.integers(1, 8))))


# --- iou ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("box1", "box2", "expected"), [
    ((2, 1, 4, 3), (1, 2, 3, 4), 1 / 7),
    ((1, 2, 3, 4), (5, 6, 7, 8), 0.0),
    ((1, 1, 2, 2), (2, 2, 3, 3), 0.0),
    ((1, 1, 3, 3), (2, 3, 3, 4), 0.0),
])  # fmt: skip
def test_the_course_notebooks_examples(box1, box2, expected):
    assert iou(box1, box2) == pytest.approx(expected)


@SETTINGS
@given(box1=boxes(), box2=boxes())
def test_iou_is_symmetric_in_0_1_and_1_only_for_equal_boxes(box1, box2):
    value = iou(box1, box2)
    assert 0 <= value <= 1 and value == iou(box2, box1)
    assert (value == 1) == (box1 == box2)
    assert iou(box1, box1) == 1


@SETTINGS
@given(box=boxes(), w=st.integers(1, 5), h=st.integers(1, 5), gap=st.integers(0, 3), dy=st.integers(-3, 3))
def test_boxes_apart_or_touching_have_iou_0_and_the_diagonal_case_is_clipped(box, w, h, gap, dy):
    x1, y1, x2, y2 = box
    beside = (x2 + gap, y1 + dy, x2 + gap + w, y1 + dy + h)  # touching when gap == 0
    diagonal = (x2 + gap, y2 + gap, x2 + gap + w, y2 + gap + h)  # two negative sides when gap > 0
    assert iou(box, beside) == 0
    assert iou(box, diagonal) == 0


# --- filtering ----------------------------------------------------------------------------------


def test_filtering_keeps_scores_at_the_threshold_in_grid_order_with_either_argument_order():
    box_confidence = np.array([0.5, 1.0, 0.25, 1.0]).reshape(2, 1, 2, 1)
    box_class_probs = np.array([[1, 0], [0.25, 0.5], [1, 1], [0.5, 0.25]]).reshape(2, 1, 2, 2)
    boxes = np.arange(16.0).reshape(2, 1, 2, 4)
    scores, kept, classes = yolo_filter_boxes(box_confidence=box_confidence, boxes=boxes,
                                              box_class_probs=box_class_probs, threshold=0.5)  # fmt: skip
    np.testing.assert_array_equal(scores, [0.5, 0.5, 0.5])
    np.testing.assert_array_equal(kept, boxes.reshape(4, 4)[[0, 1, 3]])
    np.testing.assert_array_equal(classes, [0, 1, 0])
    assert classes.dtype.kind == "i"


def test_filtering_with_nothing_above_the_threshold_gives_empty_arrays_of_the_right_shapes():
    rng = np.random.default_rng(0)
    scores, kept, classes = yolo_filter_boxes(rng.uniform(size=(3, 3, 2, 4)), rng.uniform(size=(3, 3, 2, 1)),
                                              rng.uniform(size=(3, 3, 2, 5)), threshold=1.5)  # fmt: skip
    assert (scores.shape, kept.shape, classes.shape) == ((0,), (0, 4), (0,))


# --- non-max suppression ------------------------------------------------------------------------


def brute_force_nms(scores, boxes, max_boxes, threshold):
    """The contract read literally: walk the boxes by score, keep those no kept box overlaps."""
    kept = []
    for i in sorted(range(len(scores)), key=lambda i: -scores[i]):
        if len(kept) < max_boxes and all(iou(boxes[i], boxes[j]) <= threshold for j in kept):
            kept.append(i)
    return kept


@SETTINGS
@given(k=st.integers(0, 12), seed=st.integers(0, 10**6), max_boxes=st.integers(1, 8),
       threshold=st.sampled_from([0.2, 0.5, 0.8]))  # fmt: skip
def test_nms_keeps_what_the_brute_force_keeps_sorted_pairwise_apart_and_is_idempotent(
    k, seed, max_boxes, threshold
):
    rng = np.random.default_rng(seed)
    centres, sizes = rng.uniform(0, 10, (k, 2)), rng.uniform(1, 5, (k, 2))
    boxes = np.concatenate([centres - sizes / 2, centres + sizes / 2], axis=1).reshape(k, 4)
    scores, classes = rng.uniform(size=k), rng.integers(0, 3, k)
    s, b, c = yolo_non_max_suppression(scores, boxes, classes, max_boxes, threshold)
    kept = brute_force_nms(scores, boxes, max_boxes, threshold)
    np.testing.assert_array_equal(b, boxes[kept].reshape(-1, 4))
    np.testing.assert_array_equal(s, scores[kept])
    np.testing.assert_array_equal(c, classes[kept])
    assert np.all(np.diff(s) <= 0) and len(s) <= max_boxes
    for i in range(len(b)):
        for j in range(i):
            assert iou(b[i], b[j]) <= threshold
    again = yolo_non_max_suppression(s, b, c, max_boxes, threshold)
    for x, y in zip(again, (s, b, c), strict=True):
        np.testing.assert_array_equal(x, y)


def test_nms_suppresses_across_classes_and_keeps_both_boxes_at_the_threshold():
    _, _, classes = yolo_non_max_suppression(np.array([0.9, 0.8]), np.array([[0.0, 0, 4, 4], [0, 0, 4, 3]]),
                                             np.array([0, 1]))  # fmt: skip
    np.testing.assert_array_equal(classes, [0])
    scores, _, _ = yolo_non_max_suppression(np.array([0.9, 0.8]), np.array([[0.0, 0, 2, 2], [0, 0, 2, 1]]),
                                            np.array([0, 0]), iou_threshold=0.5)  # fmt: skip
    np.testing.assert_array_equal(scores, [0.9, 0.8])


# --- encoding and anchors -----------------------------------------------------------------------


def test_the_lectures_encoding_example():
    row, col, b = yolo_encode_box((115.0, 85.0, 165.0, 175.0), 3, (300.0, 300.0))
    assert (row, col) == (1, 1)
    np.testing.assert_allclose(b, [0.4, 0.3, 0.9, 0.5])


def test_a_centre_on_a_grid_line_belongs_to_the_next_cell_and_sizes_may_exceed_a_cell():
    row, col, b = yolo_encode_box((0.0, 0.0, 64.0, 40.0), 19, (608.0, 608.0))  # centre (32, 20)
    assert (row, col) == (0, 1)
    np.testing.assert_allclose(b, [0.0, 0.625, 1.25, 2.0])


@SETTINGS
@given(S=st.integers(1, 7), cw=st.integers(1, 30), ch=st.integers(1, 30), data=st.data())
def test_an_encoding_decodes_back_to_its_box(S, cw, ch, data):
    W, H = S * cw, S * ch
    x1, y1 = data.draw(st.integers(0, W - 1)), data.draw(st.integers(0, H - 1))
    x2, y2 = data.draw(st.integers(x1 + 1, W)), data.draw(st.integers(y1 + 1, H))
    row, col, (bx, by, bh, bw) = yolo_encode_box((x1, y1, x2, y2), S, (H, W))
    assert type(row) is int and type(col) is int and 0 <= row < S and 0 <= col < S
    assert 0 <= bx < 1 and 0 <= by < 1
    np.testing.assert_allclose([(col + bx) * cw, (row + by) * ch, bw * cw, bh * ch],
                               [(x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1])  # fmt: skip


@SETTINGS
@given(x=st.integers(-50, 50), y=st.integers(-50, 50), seed=st.integers(0, 10**6), n=st.integers(1, 6))
def test_an_anchor_of_the_box_shape_wins_wherever_the_box_is(x, y, seed, n):
    anchors = np.unique(np.random.default_rng(seed).integers(1, 33, (n, 2)) / 4, axis=0)
    target = seed % len(anchors)
    w, h = anchors[target]
    assert assign_anchor_box((x, y, x + w, y + h), anchors) == target


def test_equal_areas_are_told_apart_by_shape_and_a_tie_goes_to_the_first_anchor():
    anchors = np.array([[1.0, 4.0], [2.0, 2.0], [4.0, 1.0]])
    assert assign_anchor_box((0, 0, 1, 3.5), anchors) == 0
    assert assign_anchor_box((5, 5, 8.5, 6), anchors) == 2
    assert assign_anchor_box((0, 0, 2, 2), np.array([[1.0, 4.0], [4.0, 1.0]])) == 0


# --- the graded module --------------------------------------------------------------------------


def functions():
    """The graded functions (the course helper the sliding windows use is not one)."""
    return [node for node in ast.parse(SOURCE).body
            if isinstance(node, ast.FunctionDef) and node.name not in HELPERS]  # fmt: skip


def test_the_module_defines_exactly_the_graded_functions_and_imports_numpy_and_course_4_week_1():
    every = [node.name for node in ast.parse(SOURCE).body if isinstance(node, ast.FunctionDef)]
    assert sorted(every) == sorted(GRADED + HELPERS) and [fn.name for fn in functions()] == GRADED
    imports = [n for n in ast.walk(ast.parse(SOURCE)) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert [(a.name, a.asname) for n in imports for a in n.names] == [
        ("numpy", "np"),
        ("conv_forward", None),
        ("pool_forward", None),
        ("conv_forward", None),
        ("pool_forward", None),
    ]


def test_each_graded_function_is_marked_documented_and_has_one_solution_region():
    lines = SOURCE.splitlines()
    for fn in functions():
        assert lines[fn.lineno - 2] == f"# GRADED FUNCTION: {fn.name}"
        docstring = ast.get_docstring(fn, clean=False)
        for section in ("Parameters\n", "Returns\n"):
            assert section in docstring, (fn.name, section)
        body = lines[fn.lineno - 1 : fn.end_lineno]
        assert (
            sum("# BEGIN SOLUTION" in line for line in body)
            == sum("# END SOLUTION" in line for line in body)
            == 1
        )
        assert isinstance(fn.body[-1], ast.Return)


def test_the_stub_raises_not_implemented_in_each_graded_function():
    namespace = {"__name__": "reference.detection_stub", "__package__": "reference"}  # for .convolution
    exec(compile(strip_solutions(SOURCE), "detection.py (stub)", "exec"), namespace)
    grid = np.ones((1, 1, 1, 4)), np.ones((1, 1, 1, 1)), np.ones((1, 1, 1, 2))
    calls = {
        "iou": ((0, 0, 1, 1), (0, 0, 1, 1)),
        "yolo_filter_boxes": grid,
        "yolo_non_max_suppression": (np.ones(1), np.array([[0.0, 0, 1, 1]]), np.zeros(1, dtype=int)),
        "yolo_encode_box": ((0, 0, 1, 1), 1, (1, 1)),
        "assign_anchor_box": ((0, 0, 1, 1), np.ones((1, 2))),
        "fc_to_conv": (np.ones((4, 2)), np.ones((1, 2)), 2, 1),
        "sliding_windows_forward": (
            np.ones((1, 4, 4, 1)),
            {"W1": np.ones((1, 1, 1, 2)), "W2": np.ones((3, 8))},
        ),
    }
    for name in GRADED:
        with pytest.raises(NotImplementedError):
            namespace[name](*calls[name])
