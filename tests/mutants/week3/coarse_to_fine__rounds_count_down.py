"""Keeps int(top_fraction * k) trials: rounds down, and keeps none when k is small."""

import numpy as np


def coarse_to_fine(trials, scores, log_scale, top_fraction=0.25):
    n = int(top_fraction * trials.shape[0])
    values = np.array(trials[np.argsort(-scores)[:n]], dtype=float)
    values[:, log_scale] = np.log10(values[:, log_scale])
    return np.stack([values.min(axis=0), values.max(axis=0)], axis=1)
