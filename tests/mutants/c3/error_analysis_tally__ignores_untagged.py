"""Leaves the examples without a tag out of m."""


def error_analysis_tally(tags, dev_error):
    m = sum(1 for example in tags if example)
    counts = {}
    for example in tags:
        for category in set(example):
            counts[category] = counts.get(category, 0) + 1
    return {c: {"count": n, "fraction": n / m, "max_reduction": n / m * dev_error} for c, n in counts.items()}
