"""Loops over the grid into lists: with nothing kept, np.array([]) has shape (0,), not (0, 4)."""


def yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=0.6):
    scores, kept, classes = [], [], []
    S1, S2, A, _ = box_class_probs.shape
    for i in range(S1):
        for j in range(S2):
            for a in range(A):
                s = box_confidence[i, j, a, 0] * box_class_probs[i, j, a]
                if s.max() >= threshold:
                    scores.append(s.max())
                    kept.append(boxes[i, j, a])
                    classes.append(int(np.argmax(s)))
    return np.array(scores), np.array(kept), np.array(classes, dtype=int)
