"""A loop that updates on >=, so a tie in accuracy goes to the last classifier."""


def choose_classifier(accuracies, running_times, max_time=100):
    best = None
    for k in range(len(accuracies)):
        if running_times[k] <= max_time and (best is None or accuracies[k] >= accuracies[best]):
            best = k
    return best
