"""Forgets the bias."""


def conv_1x1(A_prev, W, b):
    return A_prev @ W[0, 0]
