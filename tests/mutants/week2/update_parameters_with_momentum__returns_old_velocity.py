"""Computes the new velocity in a fresh dict but returns the old v, so the next step starts from zero."""


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    new_v = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            new_v["d" + p + str(l)] = beta * v["d" + p + str(l)] + (1 - beta) * grads["d" + p + str(l)]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * new_v["d" + p + str(l)]
    return parameters, v
