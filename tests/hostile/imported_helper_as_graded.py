"""Offers a course helper, imported under a graded name, as its own work.

reg_utils's ``update_parameters`` is gradient descent: bound to the graded name it scored
the exercise's points.  A graded function must be the submission's own code: the worker
reports it as imported from its module, and the exercise is missing.

expect: update_parameters_with_gd missing
"""
from reg_utils import update_parameters as update_parameters_with_gd  # noqa: F401
