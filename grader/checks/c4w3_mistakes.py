r"""Known mistakes in course 4 week 3 (IoU, YOLO filtering and non-max suppression, box
encoding, anchor assignment), run judge-side to name a wrong result.

Each ``gives`` takes the reference's arguments (see :class:`grader.judge.judging.Mistake`), except
for ``yolo_filter_boxes``, whose checks call with keywords: its ``gives`` takes the dict of
keyword arguments.  Written from the formulas, not copied from student code.
"""

from __future__ import annotations

import math

import numpy as np

from grader.judge.judging import Mistake
from reference.convolution import conv_forward, pool_forward


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


def _fc_to_conv(W_fc, b_fc, f, n_C_prev, how="right"):
    n_units = W_fc.shape[0]
    if how == "no_transpose":
        W = W_fc.reshape(f, f, n_C_prev, n_units)
    elif how == "fortran":
        W = W_fc.T.reshape(f, f, n_C_prev, n_units, order="F")
    elif how == "channels_first":
        W = W_fc.T.reshape(n_C_prev, f, f, n_units).transpose(1, 2, 0, 3)
    else:
        W = W_fc.T.reshape(f, f, n_C_prev, n_units)
    return W, b_fc.reshape(1, 1, 1, n_units)


FC_TO_CONV = (
    Mistake("W_fc reshaped without the transpose",
            "the units become the filters (the last axis): W = W_fc.T.reshape(f, f, n_C_prev, n_units)",
            lambda W_fc, b_fc, f, n_C_prev: _fc_to_conv(W_fc, b_fc, f, n_C_prev, "no_transpose")),
    Mistake("a reshape in Fortran order (order='F')",
            "A.reshape(m, -1) flattens in numpy's C order (row, column, channel): reshape W_fc.T the same way",
            lambda W_fc, b_fc, f, n_C_prev: _fc_to_conv(W_fc, b_fc, f, n_C_prev, "fortran")),
    Mistake("the volume taken as flattened channel first",
            "A.reshape(m, -1) of an (m, f, f, n_C) volume puts the channel last: W_fc.T.reshape(f, f, n_C_prev, n_units)",
            lambda W_fc, b_fc, f, n_C_prev: _fc_to_conv(W_fc, b_fc, f, n_C_prev, "channels_first")),
)  # fmt: skip


def _sliding(X, parameters, relu=True, pool="max", softmax_axis=-1, transpose_fc=True):
    same = {"stride": 1, "pad": 0}
    W1, n_C1 = parameters["W1"], parameters["W1"].shape[3]
    f = int(round(np.sqrt(parameters["W2"].shape[1] / n_C1)))
    act = (lambda Z: np.maximum(Z, 0)) if relu else (lambda Z: Z)
    Z1, _ = conv_forward(X, W1, parameters["b1"], same)
    P1, _ = pool_forward(act(Z1), {"f": 2, "stride": 2}, mode=pool)
    W2, b2 = _fc_to_conv(
        parameters["W2"], parameters["b2"], f, n_C1, "right" if transpose_fc else "no_transpose"
    )
    A2 = act(conv_forward(P1, W2, b2, same)[0])
    W3, b3 = _fc_to_conv(parameters["W3"], parameters["b3"], 1, A2.shape[3])
    Z3, _ = conv_forward(A2, W3, b3, same)
    if softmax_axis is None:
        return Z3
    E = np.exp(Z3 - Z3.max(axis=softmax_axis, keepdims=True))
    return E / E.sum(axis=softmax_axis, keepdims=True)


SLIDING_WINDOWS = (
    Mistake("the ReLUs left out",
            "apply ReLU after the first convolution and after the first FC-as-convolution, as the classifier does",
            lambda X, parameters: _sliding(X, parameters, relu=False)),
    Mistake("average pooling instead of max pooling",
            "the classifier max-pools: pool_forward(A1, {'f': 2, 'stride': 2}, mode='max')",
            lambda X, parameters: _sliding(X, parameters, pool="average")),
    Mistake("the logits without the softmax",
            "end with a softmax over the classes (the last axis) at every position",
            lambda X, parameters: _sliding(X, parameters, softmax_axis=None)),
    Mistake("a softmax over the positions of each image (axis 1 or 2) instead of the classes",
            "each position is one window: normalize over the last axis, the classes",
            lambda X, parameters: _sliding(X, parameters, softmax_axis=1)),
    Mistake("W2 reshaped into filters without the transpose",
            "turn the FC layers into filters with fc_to_conv: W_fc.T.reshape(f, f, n_C_prev, n_units)",
            lambda X, parameters: _sliding(X, parameters, transpose_fc=False)),
)  # fmt: skip
