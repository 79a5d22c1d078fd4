"""Divides epoch_num by time_interval without the floor, so the rate decays continuously."""


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * (epoch_num / time_interval))
