"""Picks the anchor closest in area, ignoring its shape."""


def assign_anchor_box(box, anchors):
    area = (box[2] - box[0]) * (box[3] - box[1])
    return int(np.argmin(np.abs(anchors[:, 0] * anchors[:, 1] - area)))
