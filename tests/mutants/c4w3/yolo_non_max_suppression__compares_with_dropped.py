"""Drops a box that overlaps ANY higher-scored box, even one that was itself dropped."""


def yolo_non_max_suppression(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    order = np.argsort(-scores, kind="stable")
    keep = []
    for n, i in enumerate(order):
        if len(keep) == max_boxes:
            break
        if all(iou(boxes[i], boxes[j]) <= iou_threshold for j in order[:n]):
            keep.append(i)
    keep = np.array(keep, dtype=int)
    return scores[keep], boxes[keep], classes[keep]
