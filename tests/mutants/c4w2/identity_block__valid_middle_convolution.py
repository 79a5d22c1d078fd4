"""Uses a 'valid' (unpadded) f x f convolution in the middle, then crops X to match."""


def identity_block(X, parameters):
    p = parameters
    if p["W3"].shape[3] != X.shape[3]:
        raise ValueError("channel mismatch")
    f = p["W2"].shape[0]
    c = (f - 1) // 2
    A1 = np.maximum(conv_same(X, p["W1"], p["b1"]), 0)
    A2 = np.maximum(conv_same(A1, p["W2"], p["b2"]), 0)
    A2 = A2[:, c : A2.shape[1] - c, c : A2.shape[2] - c, :]
    Xc = X[:, c : X.shape[1] - c, c : X.shape[2] - c, :]
    return np.maximum(conv_same(A2, p["W3"], p["b3"]) + Xc, 0)
