"""Has the default weights the wrong way round: alpha=40, beta=10."""


def total_cost(J_content, J_style, alpha=40, beta=10):
    return alpha * J_content + beta * J_style
