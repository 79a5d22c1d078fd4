"""Cuts the columns in their original order: dev and test are always the last examples."""

import math


def split_dataset(X, Y, dev_fraction, test_fraction, seed):
    m = X.shape[1]
    m_dev, m_test = math.floor(dev_fraction * m), math.floor(test_fraction * m)
    a, b = m - m_dev - m_test, m - m_test
    return (X[:, :a], Y[:, :a]), (X[:, a:b], Y[:, a:b]), (X[:, b:], Y[:, b:])
