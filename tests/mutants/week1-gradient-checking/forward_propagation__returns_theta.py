"""Returns theta and forgets the input: J = theta."""


def forward_propagation(x, theta):
    J = theta
    return J
