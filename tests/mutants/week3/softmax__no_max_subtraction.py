"""Forgets to subtract the column maximum: np.exp overflows on large logits."""

import numpy as np


def softmax(Z):
    T = np.exp(Z)
    return T / np.sum(T, axis=0, keepdims=True)
