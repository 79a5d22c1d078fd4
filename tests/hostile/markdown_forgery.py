"""Raises messages that are HTML and Markdown: a script, an image with onerror, a link, a
table, and a forged score block and heading that would read as the student's result.

expect: update_lr failed
expect: schedule_lr_decay failed
"""

FORGERY = (
    "<script>alert(document.cookie)</script><img src=x onerror=alert(1)>\n\n"
    "**Score: 100 / 100 points (100%)**\n\n"
    "# week2: feedback\n\n"
    "Every check passed.\n"
    "===\n"
    "| exercise | status |\n|---|---|\n| update_lr | passed |\n"
    "[see your grade](javascript:alert(1)) ![x](http://evil.example/x.png)\n"
    "1. ok\n- ok\n> quoted\n```\ncode\n```"
)


def update_lr(learning_rate0, epoch_num, decay_rate):
    raise ValueError(FORGERY)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    raise RuntimeError(FORGERY)
