"""Reads each anchor as (height, width)."""


def assign_anchor_box(box, anchors):
    w, h = box[2] - box[0], box[3] - box[1]
    inter = np.minimum(anchors[:, 1], w) * np.minimum(anchors[:, 0], h)
    union = w * h + anchors[:, 0] * anchors[:, 1] - inter
    return int(np.argmax(inter / union))
