"""Counts a tag repeated within one example twice."""


def error_analysis_tally(tags, dev_error):
    m = len(tags)
    counts = {}
    for example in tags:
        for category in example:
            counts[category] = counts.get(category, 0) + 1
    return {c: {"count": n, "fraction": n / m, "max_reduction": n / m * dev_error} for c, n in counts.items()}
