"""Returns theta: the derivative with respect to x, not theta."""


def backward_propagation(x, theta):
    dtheta = theta
    return dtheta
