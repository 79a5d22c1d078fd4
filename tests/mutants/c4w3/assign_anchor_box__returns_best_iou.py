"""Returns the best IoU instead of the anchor's index."""


def assign_anchor_box(box, anchors):
    w, h = box[2] - box[0], box[3] - box[1]
    inter = np.minimum(anchors[:, 0], w) * np.minimum(anchors[:, 1], h)
    return float(np.max(inter / (w * h + anchors[:, 0] * anchors[:, 1] - inter)))
