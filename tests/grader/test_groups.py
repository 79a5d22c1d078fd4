"""A group name grades a file against the member assignment it is."""

import pytest

from grader import assignments
from grader.assignments import Group, UnknownAssignment, choose_member

BOTH = Group("both", "week 2 and its extras", ("week2", "week2-extras"))


def test_the_coursera_item_id_decides_first():
    member, why = choose_member(BOTH, "Ckiv2", {"update_parameters_with_rmsprop", "initialize_rmsprop"})
    assert member.name == "week2" and "Coursera item Ckiv2" in why


def test_otherwise_the_functions_it_defines_decide():
    member, why = choose_member(
        BOTH, None, {"initialize_rmsprop", "update_parameters_with_rmsprop", "update_lr"}
    )
    assert member.name == "week2-extras" and why.endswith("it defines 2 of its functions")


@pytest.mark.parametrize("defined", [set(), {"update_lr", "update_lr_staircase"}])
def test_no_or_a_tied_match_asks_to_name_the_assignment(defined):
    with pytest.raises(
        UnknownAssignment, match="cannot tell which both assignment this is .* `grade week2 FILE`"
    ):
        choose_member(BOTH, None, defined)


def test_grading_by_group_name_notes_the_choice(monkeypatch):
    from grader.api import grade

    monkeypatch.setitem(assignments.GROUPS, "both", BOTH)
    result = grade("both", assignments.ROOT / "reference" / "optimization.py")
    assert result.assignment == "week2" and result.score == 100
    assert "graded as week2: it defines 8 of its functions" in result.notes
