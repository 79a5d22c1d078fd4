"""Takes the volume as flattened channel first: reshape to (n_C_prev, f, f, n_units), then moves the channel axis."""


def fc_to_conv(W_fc, b_fc, f, n_C_prev):
    n_units = W_fc.shape[0]
    W = W_fc.T.reshape(n_C_prev, f, f, n_units).transpose(1, 2, 0, 3)
    return W, b_fc.reshape(1, 1, 1, n_units)
