"""Adds epsilon outside the square root."""

import numpy as np


def batchnorm_forward_test(Z, gamma, beta, running_mean, running_var, epsilon=1e-8):
    Z_norm = (Z - running_mean) / (np.sqrt(running_var) + epsilon)
    return gamma * Z_norm + beta
