"""Adds epsilon outside the square root: (X - mu) / (sqrt(sigma2) + epsilon)."""

import numpy as np


def normalize(X, mu, sigma2, epsilon=1e-8):
    return (X - mu) / (np.sqrt(sigma2) + epsilon)
