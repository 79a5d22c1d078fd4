"""Computes A^T A, the Gram matrix of the pixels, instead of A A^T."""

import numpy as np


def gram_matrix(A):
    return np.dot(A.T, A)
