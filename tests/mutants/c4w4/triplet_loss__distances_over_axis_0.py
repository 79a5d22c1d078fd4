"""Sums the squared differences over axis 0 (the examples) instead of the last axis."""

import numpy as np


def triplet_loss(y_true, y_pred, alpha=0.2):
    anchor, positive, negative = y_pred[0], y_pred[1], y_pred[2]
    pos_dist = np.sum(np.square(anchor - positive), axis=0)
    neg_dist = np.sum(np.square(anchor - negative), axis=0)
    return float(np.sum(np.maximum(pos_dist - neg_dist + alpha, 0.0)))
