"""Returns a pickle whose unpickling would create a file: it must never be unpickled.

expect: update_lr failed
"""
import pickle


class Payload:
    def __reduce__(self):
        return (open, ("/tmp/dls-hostile-unpickled", "w"))


def update_lr(learning_rate0, epoch_num, decay_rate):
    return pickle.dumps(Payload())
