"""Double-forks a daemon in a new session that writes a file after grading has ended.

expect: update_lr failed error
"""
import os
import time


def update_lr(learning_rate0, epoch_num, decay_rate):
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(2)
            for folder in ("/tmp", "/root", "/work/main"):
                try:
                    open(os.path.join(folder, "dls-hostile-daemon"), "w").close()
                except OSError:
                    pass
        os._exit(0)
    return 0.0
