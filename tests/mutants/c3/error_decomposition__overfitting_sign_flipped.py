"""Flips the sign of the overfitting to dev (dev - test)."""


def error_decomposition(human_error, train_error, train_dev_error, dev_error, test_error):
    return {
        "avoidable_bias": train_error - human_error,
        "variance": train_dev_error - train_error,
        "data_mismatch": dev_error - train_dev_error,
        "overfitting_to_dev": dev_error - test_error,
    }
