"""Counts layers with len(grads) // 2, which breaks when grads holds dA/dZ keys too."""


def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(grads) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters
