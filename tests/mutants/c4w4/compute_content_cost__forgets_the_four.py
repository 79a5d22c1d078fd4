"""Divides by n_H * n_W * n_C, forgetting the 4 (a mean of the squared differences)."""

import numpy as np


def compute_content_cost(a_C, a_G):
    return float(np.mean(np.square(a_C - a_G)))
