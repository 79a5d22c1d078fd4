"""Unrolls to (n_H * n_W, n_C) without the transpose, so the Gram matrix is of the pixels."""

import numpy as np


def compute_layer_style_cost(a_S, a_G):
    _, n_H, n_W, n_C = a_G.shape
    GS = gram_matrix(np.reshape(a_S, (n_H * n_W, n_C)))
    GG = gram_matrix(np.reshape(a_G, (n_H * n_W, n_C)))
    return float(np.sum(np.square(GS - GG)) / (4 * n_C**2 * (n_H * n_W) ** 2))
