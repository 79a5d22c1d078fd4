"""Multiplies by Y_hat * (1 - Y_hat), the diagonal of the softmax Jacobian, as if after a sigmoid."""


def softmax_backward(Y_hat, Y):
    return (Y_hat - Y) * Y_hat * (1 - Y_hat)
