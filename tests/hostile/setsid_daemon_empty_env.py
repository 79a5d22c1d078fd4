"""Starts a daemon that leaves the session and execs with an empty environment (so no token
names it), waits until grading has ended (its scratch directory is gone, at most 30 s), then
writes forged results.  At rlimits this is contained only when the worker runs as a user of
its own (every process of that user is killed after grading); tests/grader/test_hostile.py
runs it there when that is so.

expect: update_lr failed error
levels: bubblewrap namespaces
"""

import os


def update_lr(learning_rate0, epoch_num, decay_rate):
    script = (  # a module-level constant would not be loaded: only imports and defs are
        'here=$(pwd); i=0; while [ -d "$here" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done; '
        "for d in /tmp /root /work/main /dev/shm; do "
        "echo '{\"score\": 100}' > $d/dls-hostile-setsid-results.json; done"
    )
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execve("/bin/sh", ["sh", "-c", script], {})
        os._exit(0)
    return 0.0
