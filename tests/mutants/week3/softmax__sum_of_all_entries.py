"""Divides by the sum of all entries instead of each column's sum."""

import numpy as np


def softmax(Z):
    T = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    return T / np.sum(T)
