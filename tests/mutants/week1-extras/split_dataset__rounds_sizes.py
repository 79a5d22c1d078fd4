"""Rounds dev_fraction * m and test_fraction * m to the nearest integer instead of down."""

import numpy as np


def split_dataset(X, Y, dev_fraction, test_fraction, seed):
    m = X.shape[1]
    m_dev, m_test = round(dev_fraction * m), round(test_fraction * m)
    m_train = m - m_dev - m_test
    permutation = np.random.default_rng(seed).permutation(m)
    train = permutation[:m_train]
    dev = permutation[m_train : m_train + m_dev]
    test = permutation[m_train + m_dev :]
    return (X[:, train], Y[:, train]), (X[:, dev], Y[:, dev]), (X[:, test], Y[:, test])
