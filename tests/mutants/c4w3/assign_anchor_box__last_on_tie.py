"""Loops with >=, so a tie goes to the last of the equally good anchors."""


def assign_anchor_box(box, anchors):
    w, h = box[2] - box[0], box[3] - box[1]
    best, index = -1.0, 0
    for a, (w_a, h_a) in enumerate(anchors):
        inter = min(w, w_a) * min(h, h_a)
        overlap = inter / (w * h + w_a * h_a - inter)
        if overlap >= best:
            best, index = overlap, a
    return index
