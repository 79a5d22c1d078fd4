"""Makes every message of three functions 1 MB long: an exception's 1 MB message, a
returned dict whose one key is 1 MB, a returned 1 MB string (each check and every
Hypothesis example repeats it).  Grading and the reports must stay small.

expect: update_lr failed
expect: schedule_lr_decay failed
expect: update_parameters_with_gd failed
"""


def _huge():
    return "x" * 1_000_000


def update_lr(learning_rate0, epoch_num, decay_rate):
    raise ValueError(_huge())


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return _huge()


def update_parameters_with_gd(parameters, grads, learning_rate):
    out = {k: v - learning_rate * grads["d" + k] for k, v in parameters.items()}
    out[_huge()] = out.pop("W1")
    return out
