"""Hands b_fc back in its (n_units, 1) shape instead of (1, 1, 1, n_units)."""


def fc_to_conv(W_fc, b_fc, f, n_C_prev):
    n_units = W_fc.shape[0]
    return W_fc.T.reshape(f, f, n_C_prev, n_units), b_fc
