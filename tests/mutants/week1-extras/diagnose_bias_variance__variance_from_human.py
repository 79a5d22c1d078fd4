"""Measures the variance from human-level error (dev - human) instead of from the training error."""


def diagnose_bias_variance(human_error, train_error, dev_error):
    avoidable_bias = train_error - human_error
    variance = dev_error - human_error
    focus = "bias" if avoidable_bias >= variance else "variance"
    return {"avoidable_bias": avoidable_bias, "variance": variance, "focus": focus}
