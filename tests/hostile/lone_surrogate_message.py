"""Raises exceptions whose messages hold lone surrogates, which UTF-8 cannot encode
(the gradebook's SQLite insert and every report's write_text would raise).

expect: update_lr failed
expect: schedule_lr_decay failed
"""


def update_lr(learning_rate0, epoch_num, decay_rate):
    raise ValueError("\ud800 lone high surrogate, and a low one: \udfff")


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    raise KeyError("\udce9 (how a Latin-1 byte reads under surrogateescape)")
