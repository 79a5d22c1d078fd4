"""Never updates the running averages: test time normalizes with the initial zeros and ones."""

import numpy as np


def train_softmax_classifier(
    X, Y, layers_dims, rng, learning_rate=0.01, num_epochs=10, mini_batch_size=32, momentum=0.9, epsilon=1e-8
):
    rng = np.random.default_rng(rng)
    parameters, running = initialize_bn_network(layers_dims, rng)
    state = {"t": 0, "v": {}, "s": {}}
    m = X.shape[1]
    for epoch in range(num_epochs):
        permutation = rng.permutation(m)
        for start in range(0, m, mini_batch_size):
            batch = permutation[start : start + mini_batch_size]
            Y_hat, caches = forward_bn_network(X[:, batch], parameters, epsilon)
            grads = backward_bn_network(Y_hat, Y[:, batch], caches)
            parameters = adam_update(parameters, grads, state, learning_rate)
    return parameters, running
