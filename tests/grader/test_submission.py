"""The loader keeps definitions, drops work and IPython syntax, and locates what is broken."""

import json

import nbformat
import pytest
from nbformat import v4

from grader.submission import SubmissionError, find_submission, load_submission


def notebook(tmp_path, *sources, name="nb.ipynb", metadata=None):
    cells = [v4.new_code_cell(s) if not s.startswith("MD:") else v4.new_markdown_cell(s[3:]) for s in sources]
    path = tmp_path / name
    path.write_text(nbformat.writes(v4.new_notebook(cells=cells, metadata=metadata or {})))
    return path


def test_definitions_and_imports_are_kept_and_top_level_work_is_dropped(tmp_path):
    path = notebook(
        tmp_path,
        "import numpy as np\n%matplotlib inline\n!pip install foo\ntrain_X, train_Y = load_dataset()\n"
        "ALPHA = 0.5\nplt.plot(train_X)\n",
    )
    imports, constant = load_submission(path).units
    assert imports.source.splitlines() == ["import numpy as np"]
    assert constant.source.splitlines() == ["", "", "", "", "ALPHA = 0.5"]  # line 5, as in the cell


def test_a_cell_magic_cell_is_skipped_and_line_numbers_are_preserved(tmp_path):
    path = notebook(tmp_path, "%%time\nmodel()", "x = f()\n\ndef g():\n    return 1\n")
    sub = load_submission(path)
    assert [u.filename for u in sub.units] == ["nb.ipynb, cell 2"]
    assert sub.units[0].source.splitlines() == ["", "", "def g():", "    return 1"]
    assert sub.units[0].defines == ("g",)


def test_markdown_counts_in_cell_numbers(tmp_path):
    path = notebook(tmp_path, "MD:# Title", "def f():\n    return 1\n")
    assert load_submission(path).units[0].filename == "nb.ipynb, cell 2"


def test_a_syntax_error_costs_only_what_its_cell_defines(tmp_path):
    path = notebook(
        tmp_path,
        "import numpy as np",
        "# GRADED FUNCTION: update_lr\ndef update_lr(a, b, c):\n    return a /\n",
        "def schedule_lr_decay(a, b, c, d=1):\n    return a\n",
    )
    sub = load_submission(path)
    (problem,) = sub.problems
    assert problem.affects == ("update_lr",)
    assert problem.where == "nb.ipynb, cell 2, line 3"
    assert "syntax error in nb.ipynb, cell 2, line 3" in problem.message
    assert [u.defines for u in sub.units] == [(), ("schedule_lr_decay",)]


def test_graded_cells_win_over_later_experiments(tmp_path):
    path = notebook(
        tmp_path,
        "# GRADED FUNCTION: f\ndef f():\n    return 'graded'\n",
        "def f():\n    return 'experiment'\n",
    )
    sub = load_submission(path)
    assert [u.graded for u in sub.units] == [False, True]  # the graded cell runs last


def test_unq_markers_and_nbgrader_metadata_mark_graded_cells(tmp_path):
    cell = v4.new_code_cell(
        "def g():\n    return 1\n", metadata={"nbgrader": {"grade_id": "g", "solution": True}}
    )
    path = tmp_path / "nb.ipynb"
    path.write_text(
        nbformat.writes(v4.new_notebook(cells=[v4.new_code_cell("# UNQ_C1\ndef f():\n    return 1\n"), cell]))
    )
    assert [u.graded for u in load_submission(path).units] == [True, True]


def test_the_coursera_item_id_is_read(tmp_path):
    path = notebook(tmp_path, "x = 1", metadata={"coursera": {"graded_item_id": "Ckiv2"}})
    assert load_submission(path).graded_item_id == "Ckiv2"


def test_broken_json_is_reported_with_line_and_column(tmp_path):
    path = tmp_path / "nb.ipynb"
    path.write_text('{\n  "cells": [\n    {"cell_type": "code",,}\n')
    with pytest.raises(SubmissionError, match=r"broken JSON at line 3, column 26"):
        load_submission(path)


def test_json_that_is_not_a_notebook_is_reported(tmp_path):
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"hello": 1}))
    with pytest.raises(SubmissionError, match="not a readable notebook"):
        load_submission(path)


def test_a_py_file_that_does_not_parse_is_split_at_top_level_definitions(tmp_path):
    path = tmp_path / "sub.py"
    path.write_text(
        "import numpy as np\n\n\ndef good():\n    return 1\n\n\n@decorated\ndef bad(:\n    pass\n\n"
        "# GRADED FUNCTION: last\ndef last():\n    return 2\n"
    )
    sub = load_submission(path)
    (problem,) = sub.problems
    assert problem.affects == ("bad",) and "line 9" in problem.message
    assert [u.defines for u in sub.units] == [(), ("good",), ("last",)]
    assert sub.units[2].source.splitlines()[12] == "def last():"  # file line numbers kept


def test_non_utf8_text_is_reported(tmp_path):
    path = tmp_path / "sub.py"
    path.write_bytes(b"def f():\n    return '\xff'\n")
    with pytest.raises(SubmissionError, match="not UTF-8"):
        load_submission(path)


def test_other_file_types_are_refused(tmp_path):
    path = tmp_path / "sub.txt"
    path.write_text("")
    with pytest.raises(SubmissionError, match="neither a .py file nor a .ipynb"):
        load_submission(path)


def test_a_folder_yields_the_file_defining_most_functions(tmp_path):
    (tmp_path / "helpers.py").write_text("def f():\n    pass\n")
    (tmp_path / "mine.py").write_text("def f():\n    pass\ndef g():\n    pass\n")
    (tmp_path / "notes.txt").write_text("def g(): def f():")
    assert find_submission(tmp_path, ["f", "g"]) == (tmp_path / "mine.py", None)


def test_a_tie_in_a_folder_picks_the_newest_and_says_so(tmp_path):
    import os

    for i, name in enumerate(["a.py", "b.ipynb"]):
        (tmp_path / name).write_text("def f():\n    pass\n")
        os.utime(tmp_path / name, (1000 + i, 1000 + i))
    path, note = find_submission(tmp_path, ["f"])
    assert path.name == "b.ipynb" and note == "grading b.ipynb (newest of b.ipynb, a.py)"


def test_a_folder_without_candidates_says_what_to_do(tmp_path):
    with pytest.raises(SubmissionError, match="Pass the file to grade as an argument"):
        find_submission(tmp_path, ["f"])


def test_a_comment_ending_in_a_question_mark_keeps_its_line_in_a_py_file(tmp_path):
    path = tmp_path / "sub.py"
    path.write_text("def f(x):\n    y = x + 1  # is this right?\n    return y\n")
    (unit,) = load_submission(path).units
    assert "y = x + 1" in unit.text  # was replaced by `pass`: an otherwise correct file scored 90


def test_a_py_file_is_python_and_nothing_in_it_is_stripped(tmp_path):
    path = tmp_path / "sub.py"
    path.write_text("import numpy as np\n%matplotlib inline\n\n\ndef f():\n    return 1\n")
    sub = load_submission(path)
    assert [p.affects for p in sub.problems] == [()] and "line 2" in sub.problems[0].message
    assert [u.defines for u in sub.units] == [("f",)]


def test_in_notebooks_only_what_ipython_reads_as_its_syntax_is_stripped(tmp_path):
    cell = (
        'def f(x):\n    """Why?\n    Because."""\n    %timeit x\n    y = x  # really?\n    return y\n'
        "np.sum?\nnp.sum??\nfiles = !ls\nt = %time f(1)\n!pip install foo\n"
    )
    (unit,) = load_submission(notebook(tmp_path, cell)).units
    assert unit.text.splitlines() == ["def f(x):", '    """Why?', '    Because."""', "    pass",
                                      "    y = x  # really?", "    return y"]  # fmt: skip


def test_a_cell_that_does_not_tokenize_is_reported_not_stripped(tmp_path):
    sub = load_submission(notebook(tmp_path, "def f():\n    return '''open?\n"))
    (problem,) = sub.problems
    assert problem.affects == ("f",) and "syntax error" in problem.message


def test_line_separators_inside_strings_do_not_shift_the_statements(tmp_path):
    path = tmp_path / "sub.py"
    path.write_text('s = "a\u2028b\x0cc"\n\n\ndef f():\n    return s\n')
    assert [(u.text, u.first_line) for u in load_submission(path).units] == [
        ('s = "a\u2028b\x0cc"\n', 1), ("def f():\n    return s\n", 4)]  # fmt: skip
