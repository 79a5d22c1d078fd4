"""Puts alpha on the style cost and beta on the content cost."""


def total_cost(J_content, J_style, alpha=10, beta=40):
    return alpha * J_style + beta * J_content
