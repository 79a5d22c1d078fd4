"""A correct function whose line of code ends in a comment that ends in ``?``.

IPython's help syntax (``obj?``) is stripped from notebooks only, and only where the code,
not a comment, ends in ``?``: this file is Python and grades as written.
"""


def update_lr(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)  # is this the formula?
    return learning_rate
