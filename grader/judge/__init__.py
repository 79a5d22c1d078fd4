"""The judge: the process that decides a score, and the vocabulary checks are written in.

* :mod:`~grader.judge.plugin`: the pytest plugin that runs a check module against a remote
  submission (markers ``exercise``, ``points``, ``hint``, ``hidden``, ``needs``).
* :mod:`~grader.judge.compare`: tolerances, comparison and failure messages.
* :mod:`~grader.judge.judging`: judging a batch of inputs like the reference.
* :mod:`~grader.judge.strategies`, :mod:`~grader.judge.salt`: the inputs, drawn from a seed
  of the graded text.
* :mod:`~grader.judge.statistics`, :mod:`~grader.judge.numerical`: the statistical tests
  and the numerical gradient, with their bounds.
* :mod:`~grader.judge.unfinished`: untouched templates (``missing``, 0 points).
* :mod:`~grader.judge.parallel`: exercises shared out over several judge processes.
* :mod:`~grader.judge.public`: the public checks a student release runs.

May import: :mod:`grader.boundary`, the student path at the top (assignments, results,
submission), the reference.  Never the instructor's tools.
"""
