"""Returns integer zeros for the velocity and object arrays for Adam's state.

expect: initialize_velocity failed
expect: initialize_adam failed
"""
import numpy as np


def initialize_velocity(parameters):
    return {"d" + k: np.zeros(v.shape, dtype=int) for k, v in parameters.items()}


def initialize_adam(parameters):
    v = {"d" + k: np.zeros(v.shape, dtype=object) for k, v in parameters.items()}
    s = {"d" + k: np.zeros(v.shape, dtype=object) for k, v in parameters.items()}
    return v, s
