r"""How the inputs of course 4 week 3's checks (:mod:`grader.checks.c4w3`) are drawn: pairs
of boxes by relation, YOLO grids, clustered detections, boxes on a grid, anchors, small
classifiers and their images; and the fixed cases (the course's, the lecture's, the edge
cases of suppression).
"""

from __future__ import annotations

import functools
from typing import cast

import numpy as np

from grader.judge.strategies import Case, Sampled, Values, sample_seed, sample_value

# --------------------------------------------------------------------------- boxes


def _count(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def format_box(box: tuple) -> str:
    return "(" + ", ".join(f"{v:g}" for v in box) + ")"


def pair_case(box1: tuple, box2: tuple, relation: str = "") -> Case:
    return Case(
        (box1, box2),
        f"box1={format_box(box1)}, box2={format_box(box2)}" + (f" ({relation})" if relation else ""),
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
    return Case(
        (box, S, (float(H), float(W))), f"box={format_box(box)}, grid_size={S}, image_shape=({H}, {W})"
    )


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


# --------------------------------------------------------------------------- anchors


def anchor_case(box: tuple, anchors: np.ndarray, what: str) -> Case:
    pairs = ", ".join(f"({w:g}, {h:g})" for w, h in anchors)
    return Case((box, anchors), f"box={format_box(box)}, anchors=[{pairs}]{what}")


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


# --------------------------------------------------------------------------- sliding windows


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
