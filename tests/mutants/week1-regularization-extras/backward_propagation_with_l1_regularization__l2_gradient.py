"""Adds lambd / m * W, the L2 gradient, in place of lambd / m * sign(W)."""


def backward_propagation_with_l1_regularization(gradients, parameters, lambd, m):
    regularized = dict(gradients)
    for l in range(1, len(parameters) // 2 + 1):
        regularized["dW" + str(l)] = gradients["dW" + str(l)] + lambd / m * parameters["W" + str(l)]
    return regularized
