"""Shuffles X and Y with two different permutations, breaking the (x, y) pairs."""

import math

import numpy as np


def split_dataset(X, Y, dev_fraction, test_fraction, seed):
    m = X.shape[1]
    m_dev, m_test = math.floor(dev_fraction * m), math.floor(test_fraction * m)
    m_train = m - m_dev - m_test
    rng = np.random.default_rng(seed)
    X, Y = X[:, rng.permutation(m)], Y[:, rng.permutation(m)]
    a, b = m_train, m_train + m_dev
    return (X[:, :a], Y[:, :a]), (X[:, a:b], Y[:, a:b]), (X[:, b:], Y[:, b:])
