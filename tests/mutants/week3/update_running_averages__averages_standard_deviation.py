"""Averages the standard deviation sqrt(var) into running_var."""

import numpy as np


def update_running_averages(running_mean, running_var, mu, var, momentum=0.9):
    running_mean = momentum * running_mean + (1 - momentum) * mu
    running_var = momentum * running_var + (1 - momentum) * np.sqrt(var)
    return running_mean, running_var
