"""Scales by gamma but forgets to shift by beta."""

import numpy as np


def batchnorm_forward(Z, gamma, beta, epsilon=1e-8):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.var(Z, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    Z_tilde = gamma * Z_norm
    cache = (Z, Z_norm, mu, var, gamma, epsilon)
    return Z_tilde, cache
