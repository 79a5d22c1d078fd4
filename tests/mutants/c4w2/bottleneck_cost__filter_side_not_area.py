"""Counts f multiplications per filter instead of f * f."""


def bottleneck_cost(n_H, n_W, n_C_prev, n_C, f, n_bottleneck=None):
    if n_bottleneck is None:
        return n_H * n_W * n_C * f * n_C_prev
    return n_H * n_W * n_bottleneck * n_C_prev + n_H * n_W * n_C * f * n_bottleneck
