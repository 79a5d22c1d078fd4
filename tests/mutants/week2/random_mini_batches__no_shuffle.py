"""Forgets to shuffle: batches follow the original column order."""


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    m = X.shape[1]
    mini_batches = []
    for k in range(0, m, mini_batch_size):
        mini_batches.append((X[:, k : k + mini_batch_size], Y[:, k : k + mini_batch_size].reshape(1, -1)))
    return mini_batches
