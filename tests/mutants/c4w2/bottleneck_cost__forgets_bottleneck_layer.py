"""Leaves out the 1x1 layer's own multiplications."""


def bottleneck_cost(n_H, n_W, n_C_prev, n_C, f, n_bottleneck=None):
    if n_bottleneck is None:
        return n_H * n_W * n_C * f * f * n_C_prev
    return n_H * n_W * n_C * f * f * n_bottleneck
