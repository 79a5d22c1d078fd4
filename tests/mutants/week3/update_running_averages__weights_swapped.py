"""Swaps the weights: the new batch gets momentum, the past 1 - momentum (PyTorch's convention)."""


def update_running_averages(running_mean, running_var, mu, var, momentum=0.9):
    running_mean = (1 - momentum) * running_mean + momentum * mu
    running_var = (1 - momentum) * running_var + momentum * var
    return running_mean, running_var
