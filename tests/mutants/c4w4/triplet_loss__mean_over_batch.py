"""Averages the clipped losses over the batch instead of summing them."""

import numpy as np


def triplet_loss(y_true, y_pred, alpha=0.2):
    anchor, positive, negative = y_pred[0], y_pred[1], y_pred[2]
    pos_dist = np.sum(np.square(anchor - positive), axis=-1)
    neg_dist = np.sum(np.square(anchor - negative), axis=-1)
    return float(np.mean(np.maximum(pos_dist - neg_dist + alpha, 0.0)))
