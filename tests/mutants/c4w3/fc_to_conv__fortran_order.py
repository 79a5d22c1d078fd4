"""Reshapes in Fortran order (order='F'), not the C order A.reshape(m, -1) flattens in."""


def fc_to_conv(W_fc, b_fc, f, n_C_prev):
    n_units = W_fc.shape[0]
    return W_fc.T.reshape(f, f, n_C_prev, n_units, order="F"), b_fc.reshape(1, 1, 1, n_units)
