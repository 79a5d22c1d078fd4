"""Leaves out the shortcut: the block is a plain stack of three convolutions."""


def identity_block(X, parameters):
    p = parameters
    if p["W3"].shape[3] != X.shape[3]:
        raise ValueError("channel mismatch")
    A1 = np.maximum(conv_same(X, p["W1"], p["b1"]), 0)
    A2 = np.maximum(conv_same(A1, p["W2"], p["b2"]), 0)
    return np.maximum(conv_same(A2, p["W3"], p["b3"]), 0)
