"""Divides dZ by m: the 1/m belongs to dW, not to dZ."""


def softmax_backward(Y_hat, Y):
    return (Y_hat - Y) / Y.shape[1]
