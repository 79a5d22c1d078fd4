"""Adds instead of multiplying: J = theta + x."""


def forward_propagation(x, theta):
    J = theta + x
    return J
