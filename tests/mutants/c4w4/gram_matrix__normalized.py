"""Divides A A^T by the number of columns."""

import numpy as np


def gram_matrix(A):
    return np.dot(A, A.T) / A.shape[1]
