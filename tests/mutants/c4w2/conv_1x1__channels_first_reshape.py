"""Flattens A_prev as if its channels came first: reshape(n_C_prev, -1) mixes pixels and channels."""


def conv_1x1(A_prev, W, b):
    m, n_H, n_W, n_C_prev = A_prev.shape
    flat = A_prev.reshape(n_C_prev, -1)  # (n_C_prev, m * n_H * n_W), wrongly
    Z = W[0, 0].T @ flat  # (n_C, m * n_H * n_W)
    return Z.T.reshape(m, n_H, n_W, -1) + b
