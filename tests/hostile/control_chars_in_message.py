"""Puts control characters and terminal escape sequences into its messages: NUL and
form feed (invalid in XML 1.0: junit.xml would not parse), a screen clear, a window
title, a hyperlink escape, a carriage return that overwrites the line, bidi overrides,
and the same in a dict key that the judge names in its message.

expect: update_lr failed
expect: update_parameters_with_gd failed
"""

ESCAPES = "\x00\x0b\x0c\x1b[2J\x1b]0;pwned\x07\x1b]8;;http://evil.example\x07link\x1b]8;;\x07\x9b31m\rfake\u202egnp.exe"


def update_lr(learning_rate0, epoch_num, decay_rate):
    raise ValueError(f"score 100 / 100 {ESCAPES}")


def update_parameters_with_gd(parameters, grads, learning_rate):
    out = {k: v - learning_rate * grads["d" + k] for k, v in parameters.items()}
    out[f"W1{ESCAPES}"] = out.pop("W1")
    return out
