"""Reshapes W_fc to (f, f, n_C_prev, n_units) without transposing it first."""


def fc_to_conv(W_fc, b_fc, f, n_C_prev):
    n_units = W_fc.shape[0]
    return W_fc.reshape(f, f, n_C_prev, n_units), b_fc.reshape(1, 1, 1, n_units)
