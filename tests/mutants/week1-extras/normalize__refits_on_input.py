"""Normalizes X with its own mean and variance, ignoring the training statistics it is given."""

import numpy as np


def normalize(X, mu, sigma2, epsilon=1e-8):
    own_mu = np.mean(X, axis=1, keepdims=True)
    own_sigma2 = np.mean((X - own_mu) ** 2, axis=1, keepdims=True)
    return (X - own_mu) / np.sqrt(own_sigma2 + epsilon)
