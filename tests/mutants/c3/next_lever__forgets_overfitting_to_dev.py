"""Compares only the first three gaps: overfitting to the dev set is never the answer."""


def next_lever(human_error, train_error, train_dev_error, dev_error, test_error):
    gaps = {
        "avoidable_bias": train_error - human_error,
        "variance": train_dev_error - train_error,
        "data_mismatch": dev_error - train_dev_error,
    }
    return max(gaps, key=gaps.get)
