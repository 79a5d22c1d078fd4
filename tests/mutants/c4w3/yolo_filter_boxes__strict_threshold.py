"""Keeps boxes whose score is strictly above the threshold."""


def yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=0.6):
    box_scores = box_confidence * box_class_probs
    box_class_scores = np.max(box_scores, axis=-1)
    mask = box_class_scores > threshold
    return box_class_scores[mask], boxes[mask], np.argmax(box_scores, axis=-1)[mask]
