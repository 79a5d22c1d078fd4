"""Uses Euclidean distances (np.linalg.norm) instead of squared distances."""

import numpy as np


def triplet_loss(y_true, y_pred, alpha=0.2):
    anchor, positive, negative = y_pred[0], y_pred[1], y_pred[2]
    pos_dist = np.linalg.norm(anchor - positive, axis=-1)
    neg_dist = np.linalg.norm(anchor - negative, axis=-1)
    return float(np.sum(np.maximum(pos_dist - neg_dist + alpha, 0.0)))
