"""Sums the squared differences over every axis: one distance for the whole batch."""

import numpy as np


def triplet_loss(y_true, y_pred, alpha=0.2):
    anchor, positive, negative = y_pred[0], y_pred[1], y_pred[2]
    pos_dist = np.sum(np.square(anchor - positive))
    neg_dist = np.sum(np.square(anchor - negative))
    return float(np.maximum(pos_dist - neg_dist + alpha, 0.0))
