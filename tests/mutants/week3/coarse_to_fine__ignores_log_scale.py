"""Returns the box in the values themselves, also on log-scaled dimensions."""

import math

import numpy as np


def coarse_to_fine(trials, scores, log_scale, top_fraction=0.25):
    n = math.ceil(top_fraction * trials.shape[0])
    values = trials[np.argsort(-scores)[:n]]
    return np.stack([values.min(axis=0), values.max(axis=0)], axis=1)
