"""Counts the weights (f * f * n_C_prev * n_C) instead of the multiplications."""


def bottleneck_cost(n_H, n_W, n_C_prev, n_C, f, n_bottleneck=None):
    if n_bottleneck is None:
        return n_C * f * f * n_C_prev
    return n_bottleneck * n_C_prev + n_C * f * f * n_bottleneck
