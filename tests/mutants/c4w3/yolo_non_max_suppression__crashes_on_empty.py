"""Reads the best score with np.max before the loop, which fails when there are no boxes."""


def yolo_non_max_suppression(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    best = np.max(scores)  # fails on an empty array
    keep = []
    for i in np.argsort(-scores, kind="stable"):
        if len(keep) == max_boxes:
            break
        if all(iou(boxes[i], boxes[j]) <= iou_threshold for j in keep):
            keep.append(i)
    keep = np.array(keep, dtype=int)
    return scores[keep], boxes[keep], classes[keep]
