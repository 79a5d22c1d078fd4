"""Never checks the channel count: numpy broadcasts a single channel instead of failing."""


def identity_block(X, parameters):
    p = parameters
    A1 = np.maximum(conv_same(X, p["W1"], p["b1"]), 0)
    A2 = np.maximum(conv_same(A1, p["W2"], p["b2"]), 0)
    return np.maximum(conv_same(A2, p["W3"], p["b3"]) + X, 0)
