"""Measures the data mismatch from the training error (dev - train)."""


def error_decomposition(human_error, train_error, train_dev_error, dev_error, test_error):
    return {
        "avoidable_bias": train_error - human_error,
        "variance": train_dev_error - train_error,
        "data_mismatch": dev_error - train_error,
        "overfitting_to_dev": test_error - dev_error,
    }
