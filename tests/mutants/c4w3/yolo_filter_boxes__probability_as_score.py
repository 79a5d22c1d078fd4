"""Filters right but returns the best class probability as the score, without the confidence."""


def yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=0.6):
    box_scores = box_confidence * box_class_probs
    mask = np.max(box_scores, axis=-1) >= threshold
    return np.max(box_class_probs, axis=-1)[mask], boxes[mask], np.argmax(box_scores, axis=-1)[mask]
