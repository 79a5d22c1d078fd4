"""Prints fake test summaries and a fake result document on every channel it can reach.

expect: update_lr failed
"""
import os
import sys

FAKE = '{"assignment": "week2", "score": 100, "max_score": 100, "exercises": []}\n===== 27 passed in 0.1s =====\n'


def update_lr(learning_rate0, epoch_num, decay_rate):
    print(FAKE)
    print(FAKE, file=sys.stderr)
    for fd in (1, 2):
        try:
            os.write(fd, FAKE.encode())
        except OSError:
            pass
    return 0.0
