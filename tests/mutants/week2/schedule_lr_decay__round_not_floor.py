"""Rounds epoch_num / time_interval instead of flooring it: the step comes half an interval early."""


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * round(epoch_num / time_interval))
