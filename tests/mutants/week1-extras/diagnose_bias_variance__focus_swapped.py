"""Focuses on the smaller gap instead of the larger."""


def diagnose_bias_variance(human_error, train_error, dev_error):
    avoidable_bias = train_error - human_error
    variance = dev_error - train_error
    focus = "variance" if avoidable_bias >= variance else "bias"
    return {"avoidable_bias": avoidable_bias, "variance": variance, "focus": focus}
