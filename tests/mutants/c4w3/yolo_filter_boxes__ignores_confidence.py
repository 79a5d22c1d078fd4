"""Scores boxes by the class probabilities alone, without the box confidence."""


def yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=0.6):
    box_class_scores = np.max(box_class_probs, axis=-1)
    mask = box_class_scores >= threshold
    return box_class_scores[mask], boxes[mask], np.argmax(box_class_probs, axis=-1)[mask]
