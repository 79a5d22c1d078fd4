"""Divides by the running variance, not its square root."""


def batchnorm_forward_test(Z, gamma, beta, running_mean, running_var, epsilon=1e-8):
    Z_norm = (Z - running_mean) / (running_var + epsilon)
    return gamma * Z_norm + beta
