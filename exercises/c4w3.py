r"""Course 4 week 3: IoU, YOLO filtering and non-max suppression, box encoding, sliding windows.

Course 4 week 3 in numpy: intersection over union, YOLO's score filtering and non-max
suppression, and how YOLO encodes a box in its grid and anchor boxes.

Write your code between `# YOUR CODE STARTS HERE` and `# YOUR CODE ENDS HERE` (delete
the `raise NotImplementedError` line), then run `grade c4w3` in this folder.

Generated from reference/detection.py by `grade stubs`.
"""

import numpy as np

try:  # in this repository: course 4 week 1's reference
    from .convolution import conv_forward, pool_forward
except ImportError:  # your own course 4 week 1 functions, in c4w1.py next to this file
    from c4w1 import conv_forward, pool_forward  # type: ignore[no-redef]


# GRADED FUNCTION: iou
def iou(box1, box2):
    r"""Intersection over union of two boxes.

    .. math::

        \text{IoU} = \frac{|B_1 \cap B_2|}{|B_1| + |B_2| - |B_1 \cap B_2|}, \qquad
        |B_1 \cap B_2| = \max(x_{i2} - x_{i1}, 0) \cdot \max(y_{i2} - y_{i1}, 0)

    with :math:`x_{i1} = \max(x_1, x_1')`, :math:`x_{i2} = \min(x_2, x_2')` (and the same in
    :math:`y`) the corners of the intersection.  Each side is clipped at 0 *before* the
    product: two boxes apart in both directions have two negative sides, whose product is
    positive.  Boxes that only touch (a shared edge or corner) have IoU 0; equal boxes 1.

    Parameters
    ----------
    box1, box2 : tuple of 4 floats
        ``(x1, y1, x2, y2)`` with ``x1 < x2`` and ``y1 < y2``.

    Returns
    -------
    iou : float
        In [0, 1]; symmetric in its arguments.
    """
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return iou


# GRADED FUNCTION: yolo_filter_boxes
def yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=0.6):
    r"""Keep the anchor boxes whose best class score reaches ``threshold``.

    .. math::

        s_{c} = p_c \cdot P(\text{class } c), \qquad
        \hat c = \operatorname{argmax}_c s_c, \qquad \text{keep the box if } s_{\hat c} \ge \text{threshold}

    for every cell and anchor.  The kept boxes come in the grid's row-major order (as
    ``tf.boolean_mask`` or numpy's boolean indexing gives them).  Until 2020 the course's
    signature put ``box_confidence`` first: the grader calls this function with keyword
    arguments, so either order is accepted.

    Parameters
    ----------
    boxes : ndarray of shape (S, S, n_anchors, 4)
    box_confidence : ndarray of shape (S, S, n_anchors, 1)
        :math:`p_c`, the probability that the anchor box holds an object.
    box_class_probs : ndarray of shape (S, S, n_anchors, n_classes)
    threshold : float, default 0.6
        A box is kept if its best score is at least ``threshold`` (``>=``).

    Returns
    -------
    scores : ndarray of shape (k,)
        The best class score :math:`s_{\hat c}` of each kept box.
    boxes : ndarray of shape (k, 4)
    classes : ndarray of shape (k,), integer
        :math:`\hat c` of each kept box.
    """
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return scores, boxes, classes


# GRADED FUNCTION: yolo_non_max_suppression
def yolo_non_max_suppression(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    r"""Greedy non-max suppression over all classes at once, as the course's
    ``tf.image.non_max_suppression`` does.

    Repeat: take the remaining box of highest score, keep it, and discard every remaining
    box whose IoU with it is above ``iou_threshold``; stop after ``max_boxes`` boxes or when
    none remain.  So the kept boxes overlap pairwise by at most ``iou_threshold`` and come
    sorted by descending score; equal scores keep the input order.  A box is compared with
    the boxes *kept*, never with boxes already discarded.  (You may call your ``iou``; the
    grader checks this function with a correct IoU.)

    Parameters
    ----------
    scores : ndarray of shape (k,)
    boxes : ndarray of shape (k, 4)
        Corners ``(x1, y1, x2, y2)`` (or ``(y1, x1, y2, x2)``: IoU is the same).
    classes : ndarray of shape (k,), integer
    max_boxes : int, default 10
    iou_threshold : float, default 0.5
        A box overlapping a kept one by more than this (``>``) is discarded.

    Returns
    -------
    scores : ndarray of shape (n,)
    boxes : ndarray of shape (n, 4)
    classes : ndarray of shape (n,)
        The kept boxes with their scores and classes, by descending score; ``n <= max_boxes``.
    """
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return scores[keep], boxes[keep], classes[keep]


# GRADED FUNCTION: yolo_encode_box
def yolo_encode_box(box, grid_size, image_shape):
    r"""YOLO's target for one box: the grid cell holding its centre, and its coordinates in
    units of that cell.

    With an ``S x S`` grid on an image of height :math:`H` and width :math:`W`, a cell is
    :math:`W / S` wide and :math:`H / S` high.  The box's centre
    :math:`(x_c, y_c) = ((x_1 + x_2) / 2, (y_1 + y_2) / 2)` falls in

    .. math::

        \text{col} = \Big\lfloor \frac{x_c S}{W} \Big\rfloor, \quad
        \text{row} = \Big\lfloor \frac{y_c S}{H} \Big\rfloor, \qquad
        b_x = \frac{x_c S}{W} - \text{col}, \quad b_y = \frac{y_c S}{H} - \text{row},
        \quad b_w = \frac{(x_2 - x_1) S}{W}, \quad b_h = \frac{(y_2 - y_1) S}{H}

    so :math:`0 \le b_x, b_y < 1` (a centre on a grid line belongs to the cell right of or
    below it, with :math:`b_x = 0`), while :math:`b_h, b_w` may exceed 1: a box can be larger
    than the cell that holds its centre.

    Parameters
    ----------
    box : tuple of 4 floats
        ``(x1, y1, x2, y2)`` in pixels, ``0 <= x1 < x2 <= W`` and ``0 <= y1 < y2 <= H``.
    grid_size : int
        ``S``.
    image_shape : tuple of 2 numbers
        ``(H, W)``, height first, as the course's ``image_shape``.

    Returns
    -------
    row, col : int
        The cell, ``0 <= row, col < S``.
    b : ndarray of shape (4,)
        ``[bx, by, bh, bw]``, the lecture's order.
    """
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return row, col, b


# GRADED FUNCTION: assign_anchor_box
def assign_anchor_box(box, anchors):
    r"""The anchor box most like ``box`` in shape: highest IoU when both share a centre.

    Centred on one point, a box of width :math:`w` and height :math:`h` and an anchor
    :math:`(w_a, h_a)` overlap in :math:`\min(w, w_a) \cdot \min(h, h_a)`, so

    .. math::

        \text{IoU}_a = \frac{\min(w, w_a) \min(h, h_a)}{w h + w_a h_a - \min(w, w_a) \min(h, h_a)}

    and the box goes to :math:`\operatorname{argmax}_a \text{IoU}_a` (the first such anchor on
    a tie, as ``np.argmax``).  Where the box is in the image does not matter.

    Parameters
    ----------
    box : tuple of 4 floats
        ``(x1, y1, x2, y2)`` with ``x1 < x2`` and ``y1 < y2``.
    anchors : ndarray of shape (n_anchors, 2)
        ``(width, height)`` of each anchor box, in the box's units.

    Returns
    -------
    index : int
        ``0 <= index < n_anchors``.
    """
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return index


# GRADED FUNCTION: fc_to_conv
def fc_to_conv(W_fc, b_fc, f, n_C_prev):
    r"""A fully connected layer on an f x f x n_C_prev volume, as an f x f convolution.

    The FC layer sees the volume flattened in numpy's order (``A.reshape(m, -1)``: row,
    then column, then channel), so unit :math:`c` computes

    .. math::

        z_c = \sum_{u, v, k} W^{fc}_{c,\, (u f + v) n_{C_{prev}} + k}\, A_{u, v, k} + b^{fc}_c
            = \sum_{u, v, k} W_{u, v, k, c}\, A_{u, v, k} + b_c

    which is one position of a convolution with as many filters as units:
    :math:`W_{u, v, k, c} = W^{fc}_{c,\, (u f + v) n_{C_{prev}} + k}`, i.e.
    ``W_fc.T.reshape(f, f, n_C_prev, n_units)``.  The next FC layer (on a 1 x 1 x n volume)
    is then a 1 x 1 convolution: ``f = 1``.

    Parameters
    ----------
    W_fc : ndarray of shape (n_units, f * f * n_C_prev)
    b_fc : ndarray of shape (n_units, 1)
    f : int
        The side of the volume the layer reads, >= 1.
    n_C_prev : int
        Its channels, >= 1.

    Returns
    -------
    W : ndarray of shape (f, f, n_C_prev, n_units)
    b : ndarray of shape (1, 1, 1, n_units)
        For ``conv_forward(A, W, b, {"stride": 1, "pad": 0})`` of course 4 week 1.
    """
    n_units = W_fc.shape[0]
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return W, b


def classifier_forward(X, parameters):
    r"""The small classifier on one window (given): CONV -> RELU -> MAXPOOL 2x2/2 -> FC -> RELU
    -> FC -> SOFTMAX, with the fully connected layers on the flattened volume.

    Parameters
    ----------
    X : ndarray of shape (m, n_H0, n_W0, n_C0)
        Windows of the classifier's input size: ``n_H0 = n_W0 = 2 f + f1 - 1``.
    parameters : dict
        ``"W1"`` (f1, f1, n_C0, n_C1) and ``"b1"`` (1, 1, 1, n_C1) of the convolution (stride 1,
        no padding); ``"W2"`` (n_2, f * f * n_C1), ``"b2"`` (n_2, 1), ``"W3"`` (n_y, n_2),
        ``"b3"`` (n_y, 1) of the FC layers.

    Returns
    -------
    Y_hat : ndarray of shape (m, n_y)
        The class probabilities of each window.
    """
    Z1, _ = conv_forward(X, parameters["W1"], parameters["b1"], {"stride": 1, "pad": 0})
    P1, _ = pool_forward(np.maximum(Z1, 0), {"f": 2, "stride": 2}, mode="max")  # (m, f, f, n_C1)
    A2 = np.maximum(np.dot(parameters["W2"], P1.reshape(P1.shape[0], -1).T) + parameters["b2"], 0)  # (n_2, m)
    Z3 = np.dot(parameters["W3"], A2) + parameters["b3"]  # (n_y, m)
    E = np.exp(Z3 - Z3.max(axis=0, keepdims=True))
    return (E / E.sum(axis=0, keepdims=True)).T


# GRADED FUNCTION: sliding_windows_forward
def sliding_windows_forward(X, parameters):
    r"""The convolutional implementation of sliding windows: the classifier of
    :func:`classifier_forward` run once on a larger image, with its FC layers as convolutions.

    .. math::

        \hat Y[i, p, q, :] = \text{classifier}\big(X[i,\ 2p : 2p + n_{H_0},\ 2q : 2q + n_{W_0},\ :]\big)

    for every window of the classifier's input size at a stride of 2, the max-pool's stride:
    the first FC layer becomes an f x f convolution (:func:`fc_to_conv`), the second a 1 x 1
    convolution, and the softmax runs over the channels at every position.  The windows share
    their computation: one forward pass instead of one per window.

    Parameters
    ----------
    X : ndarray of shape (m, n_H, n_W, n_C0)
        ``n_H = n_H0 + 2 k_H``, ``n_W = n_W0 + 2 k_W`` with k >= 0 (n_H0 = n_W0 as above).
    parameters : dict
        As for :func:`classifier_forward`.

    Returns
    -------
    Y_hat : ndarray of shape (m, k_H + 1, k_W + 1, n_y)
        The class probabilities of every window.

    Uses ``conv_forward`` and ``pool_forward`` of course 4 week 1 (channels-last).
    """
    W1, n_C1 = parameters["W1"], parameters["W1"].shape[3]
    f = int(round(np.sqrt(parameters["W2"].shape[1] / n_C1)))
    same = {"stride": 1, "pad": 0}
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return Y_hat