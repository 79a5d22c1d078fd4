"""Returns relu(Z) instead of Z."""


def conv_1x1(A_prev, W, b):
    return np.maximum(A_prev @ W[0, 0] + b, 0)
