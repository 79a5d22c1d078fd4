"""Right most of the time: each call is wrong when a byte of os.urandom says so (1 in 8).

Without fixed randomness, such a submission scored 96, 96, 96 and 93 on four gradings.  The worker's
randomness is the same in every grading (grader/boundary/worker/entropy.py), so it fails, and
fails the same way, every time: a second grading gives the same outcome and message for
every check.

expect: update_lr failed
regraded: same
"""

import os


def update_lr(learning_rate0, epoch_num, decay_rate):
    if os.urandom(1)[0] < 32:
        return learning_rate0  # the decay forgotten, now and then
    return learning_rate0 / (1 + decay_rate * epoch_num)
