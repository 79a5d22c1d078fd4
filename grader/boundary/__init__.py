"""The trust boundary: where student code runs, and everything that crosses to the judge.

* :mod:`~grader.boundary.worker`: the worker process (its main loop, the wire, the course's
  numpy 1.x behaviour, fixed entropy); these files, the shims and the course's helper modules
  are all a worker can import.
* :mod:`~grader.boundary.sandbox`: how a worker is contained (bubblewrap, namespaces,
  rlimits; its own user, its file system view, its limits) and killed.
* :mod:`~grader.boundary.remote`: the judge's handle on a running submission.
* :mod:`~grader.boundary.blocks`: the reference's building blocks, answered on the judge's
  side for a composite running in the worker.
* :mod:`~grader.boundary.untrusted`: every string from a submission, bounded and cleaned
  where it enters the judge, escaped for each output.
* ``shims/``: the course's helper modules as the notebooks import them.

May import: the standard library and numpy; :mod:`~grader.boundary.blocks` imports the
reference on the judge's side only.  Nothing here imports the judge, the checks or the
instructor's tools.
"""
