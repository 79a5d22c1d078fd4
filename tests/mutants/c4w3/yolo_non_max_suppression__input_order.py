"""Suppresses right but returns the kept boxes in input order, not by descending score."""


def yolo_non_max_suppression(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    keep = []
    for i in np.argsort(-scores, kind="stable"):
        if len(keep) == max_boxes:
            break
        if all(iou(boxes[i], boxes[j]) <= iou_threshold for j in keep):
            keep.append(i)
    keep = np.sort(np.array(keep, dtype=int))
    return scores[keep], boxes[keep], classes[keep]
