r"""Known mistakes in course 4 week 3 (IoU, YOLO filtering and non-max suppression, box
encoding, anchor assignment), run judge-side to name a wrong result.

Each ``gives`` takes the reference's arguments (see :class:`grader.judging.Mistake`), except
for ``yolo_filter_boxes``, whose checks call with keywords: its ``gives`` takes the dict of
keyword arguments.  Written from the formulas, not copied from student code.
"""

from __future__ import annotations

import math

import numpy as np

from grader.judging import Mistake


def _iou(box1, box2, clip="sides", plus=0.0, union="both"):
    (a1, b1, a2, b2), (c1, d1, c2, d2) = box1, box2
    w, h = min(a2, c2) - max(a1, c1) + plus, min(b2, d2) - max(b1, d1) + plus
    inter = max(w, 0) * max(h, 0) if clip == "sides" else w * h
    area1, area2 = (a2 - a1 + plus) * (b2 - b1 + plus), (c2 - c1 + plus) * (d2 - d1 + plus)
    return inter / {"both": area1 + area2 - inter, "sum": area1 + area2, "first": area1}[union]


IOU = (
    Mistake("an intersection whose sides are not each clipped at 0 before they are multiplied",
            "clip each side before multiplying: inter_area = max(xi2 - xi1, 0) * max(yi2 - yi1, 0); two "
            "negative sides multiply to a positive area, which clipping the product cannot undo",
            lambda b1, b2: _iou(b1, b2, clip="none")),
    Mistake("pixel-inclusive sides (x2 - x1 + 1)",
            "the corners are coordinates, not pixel indices: a side is x2 - x1, with no + 1",
            lambda b1, b2: _iou(b1, b2, plus=1.0)),
    Mistake("a union that counts the intersection twice",
            "union_area = box1_area + box2_area - inter_area",
            lambda b1, b2: _iou(b1, b2, union="sum")),
    Mistake("the intersection over box1's area",
            "divide by the union of both boxes, not by box1's area",
            lambda b1, b2: _iou(b1, b2, union="first")),
)  # fmt: skip


def _filter(kw, score="product", strict=False):
    products = kw["box_confidence"] * kw["box_class_probs"]
    judged = {"product": products, "probs": kw["box_class_probs"]}[score]
    best = np.max(judged, axis=-1)
    mask = best > kw["threshold"] if strict else best >= kw["threshold"]
    return np.max(products, axis=-1)[mask], kw["boxes"][mask], np.argmax(products, axis=-1)[mask]


YOLO_FILTER_BOXES = (
    Mistake("filtering with '>' instead of '>='",
            "keep a box whose score equals the threshold: filtering_mask = box_class_scores >= threshold",
            lambda kw: _filter(kw, strict=True)),
    Mistake("filtering on the class probabilities without the box confidence",
            "the score is box_confidence * box_class_probs; take its max over the classes, then compare",
            lambda kw: _filter(kw, score="probs")),
    Mistake("the class probabilities returned as scores",
            "scores are box_confidence * box_class_probs at the best class, not the probability alone",
            lambda kw: (np.max(kw["box_class_probs"], axis=-1)[np.max(kw["box_confidence"] * kw["box_class_probs"],
                        axis=-1) >= kw["threshold"]], *_filter(kw)[1:])),
)  # fmt: skip


def _nms(scores, boxes, classes, max_boxes=10, iou_threshold=0.5, *, per_class=False, at_threshold=False):
    keep: list[int] = []
    for i in np.argsort(-scores, kind="stable"):
        if len(keep) == max_boxes:
            break
        rivals = [j for j in keep if not per_class or classes[j] == classes[i]]
        overlaps = [_iou(boxes[i], boxes[j]) for j in rivals]
        if all(o < iou_threshold if at_threshold else o <= iou_threshold for o in overlaps):
            keep.append(i)
    index = np.array(keep, dtype=int)
    return scores[index], boxes[index], classes[index]


YOLO_NON_MAX_SUPPRESSION = (
    Mistake("non-max suppression within each class",
            "the course suppresses across all classes: compare each box with every kept box, whatever its class",
            lambda *a: _nms(*a, per_class=True)),
    Mistake("discarding boxes whose IoU equals the threshold",
            "discard only boxes that overlap a kept one by MORE than iou_threshold (IoU > threshold)",
            lambda *a: _nms(*a, at_threshold=True)),
)  # fmt: skip


def _encode(box, S, image_shape, point="centre", sizes="cell", floor=math.floor):
    x1, y1, x2, y2 = box
    H, W = image_shape
    x, y = ((x1 + x2) / 2, (y1 + y2) / 2) if point == "centre" else (x1, y1)
    col, row = int(floor(x * S / W)), int(floor(y * S / H))
    scale_h, scale_w = (S / H, S / W) if sizes == "cell" else (1 / H, 1 / W)
    return row, col, np.array([x * S / W - col, y * S / H - row, (y2 - y1) * scale_h, (x2 - x1) * scale_w])


YOLO_ENCODE_BOX = (
    Mistake("row and column swapped",
            "the row comes from y (the height), the column from x: return row, col",
            lambda box, S, shape: _encode(box, S, shape)[1::-1] + (_encode(box, S, shape)[2],)),
    Mistake("image_shape read as (width, height)",
            "image_shape is (H, W), height first, as in the course",
            lambda box, S, shape: _encode(box, S, shape[::-1])),
    Mistake("bh and bw relative to the image instead of the cell",
            "bh and bw are in units of the cell: (y2 - y1) * S / H and (x2 - x1) * S / W (they may exceed 1)",
            lambda box, S, shape: _encode(box, S, shape, sizes="image")),
    Mistake("the corner (x1, y1) used in place of the centre",
            "the cell is the one holding the box's centre ((x1 + x2) / 2, (y1 + y2) / 2)",
            lambda box, S, shape: _encode(box, S, shape, point="corner")),
    Mistake("the cell index rounded instead of floored",
            "col = floor(x_c * S / W): the centre lies in the cell it is in, never the nearest one",
            lambda box, S, shape: _encode(box, S, shape, floor=round)),
    Mistake("a centre on a grid line put in the cell to its left (or above), with bx = 1",
            "use floor: a centre on a grid line belongs to the cell right of (or below) it, with bx = 0",
            lambda box, S, shape: _encode(box, S, shape, floor=lambda v: math.ceil(v) - 1)),
)  # fmt: skip


def _anchor_ious(box, anchors, at_origin=False):
    if at_origin:
        return np.array([_iou(box, (0.0, 0.0, w, h)) for w, h in anchors])
    w, h = box[2] - box[0], box[3] - box[1]
    inter = np.minimum(anchors[:, 0], w) * np.minimum(anchors[:, 1], h)
    return inter / (w * h + anchors[:, 0] * anchors[:, 1] - inter)


ASSIGN_ANCHOR_BOX = (
    Mistake("the IoU with the anchor placed at the origin, not centred on the box",
            "compare shapes only: centre the anchor on the box, so the intersection is "
            "min(w, w_a) * min(h, h_a)",
            lambda box, anchors: int(np.argmax(_anchor_ious(box, anchors, at_origin=True)))),
    Mistake("the anchor closest in area",
            "use the IoU of the centred boxes, which also compares their shapes, not only their areas",
            lambda box, anchors: int(np.argmin(np.abs(anchors[:, 0] * anchors[:, 1]
                                                     - (box[2] - box[0]) * (box[3] - box[1]))))),
    Mistake("anchors read as (height, width)",
            "each anchor is (width, height)",
            lambda box, anchors: int(np.argmax(_anchor_ious(box, anchors[:, ::-1])))),
)  # fmt: skip
