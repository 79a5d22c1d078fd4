"""Returns the smallest gap instead of the largest."""


def next_lever(human_error, train_error, train_dev_error, dev_error, test_error):
    gaps = {
        "avoidable_bias": train_error - human_error,
        "variance": train_dev_error - train_error,
        "data_mismatch": dev_error - train_dev_error,
        "overfitting_to_dev": test_error - dev_error,
    }
    return min(gaps, key=gaps.get)
