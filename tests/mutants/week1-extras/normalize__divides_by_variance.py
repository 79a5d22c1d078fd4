"""Divides by the variance sigma2 + epsilon instead of its square root."""


def normalize(X, mu, sigma2, epsilon=1e-8):
    return (X - mu) / (sigma2 + epsilon)
