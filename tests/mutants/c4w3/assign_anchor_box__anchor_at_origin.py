"""Computes the IoU with each anchor placed at the origin, (0, 0, w_a, h_a), not centred on the box."""


def assign_anchor_box(box, anchors):
    best, index = -1.0, 0
    for a, (w_a, h_a) in enumerate(anchors):
        overlap = iou(box, (0.0, 0.0, w_a, h_a))
        if overlap > best:
            best, index = overlap, a
    return index
