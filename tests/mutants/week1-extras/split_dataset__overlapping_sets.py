"""Starts the dev and the test set at the same offset, so they overlap and some columns are lost."""

import math

import numpy as np


def split_dataset(X, Y, dev_fraction, test_fraction, seed):
    m = X.shape[1]
    m_dev, m_test = math.floor(dev_fraction * m), math.floor(test_fraction * m)
    m_train = m - m_dev - m_test
    permutation = np.random.default_rng(seed).permutation(m)
    train = permutation[:m_train]
    dev = permutation[m_train : m_train + m_dev]
    test = permutation[m_train : m_train + m_test]
    return (X[:, train], Y[:, train]), (X[:, dev], Y[:, dev]), (X[:, test], Y[:, test])
