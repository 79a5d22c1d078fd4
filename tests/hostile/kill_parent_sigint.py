"""Sends SIGINT to its parent: at a level without a user of its own, that is the judge's
pytest, which stops; the checks that never ran would read "passed 0/0".

The grading must then be an error for this submission, never a score
(tests/grader/test_hostile.py checks that where the level cannot protect the judge).

expect: update_lr failed error
levels: bubblewrap namespaces
"""

import os
import signal


def update_lr(learning_rate0, epoch_num, decay_rate):
    for target in (os.getppid(), os.getpgid(0)):
        try:
            os.kill(target, signal.SIGINT)
        except OSError:
            pass
    return 0.0
