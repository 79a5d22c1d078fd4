"""Measures the variance to the dev error (dev - train), skipping the train-dev set."""


def error_decomposition(human_error, train_error, train_dev_error, dev_error, test_error):
    return {
        "avoidable_bias": train_error - human_error,
        "variance": dev_error - train_error,
        "data_mismatch": dev_error - train_dev_error,
        "overfitting_to_dev": test_error - dev_error,
    }
