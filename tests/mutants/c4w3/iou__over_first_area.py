"""Divides the intersection by box1's area instead of the union."""


def iou(box1, box2):
    xi1, yi1 = max(box1[0], box2[0]), max(box1[1], box2[1])
    xi2, yi2 = min(box1[2], box2[2]), min(box1[3], box2[3])
    inter_area = max(xi2 - xi1, 0) * max(yi2 - yi1, 0)
    return inter_area / ((box1[2] - box1[0]) * (box1[3] - box1[1]))
