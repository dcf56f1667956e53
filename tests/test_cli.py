"""The command line as a user meets it: one-line errors, non-zero exit, nothing half-written."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def kg(*args, cwd=None, stdin=None):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, input=stdin, timeout=300)


def _one_line_error(proc, *needles):
    assert proc.returncode == 2, proc.stderr
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    for n in needles:
        assert n in lines[0], lines[0]


@pytest.mark.parametrize("name,content,needle", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\n", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
    ("latin.txt", bytes(range(160, 256)) * 4, "not UTF-8"),
    ("dateonly.txt", "2025-10-28\n".encode(), "no article text"),
])
def test_bad_input_gives_one_line_naming_the_file_and_writes_nothing(tmp_path, name, content, needle):
    bad = tmp_path / name
    bad.write_bytes(content)
    out = tmp_path / "out"
    proc = kg("build", bad, "--out", out)
    _one_line_error(proc, needle, str(bad))
    assert not out.exists()


def test_missing_path(tmp_path):
    proc = kg("build", tmp_path / "nope.txt", "--out", tmp_path / "out")
    _one_line_error(proc, "no such file or folder")


def test_one_bad_file_among_good_ones_with_strict_leaves_previous_outputs_untouched(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.trig").write_text("previous", encoding="utf-8")
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text("山田首相は会談した。", encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00\x00")
    proc = kg("build", tmp_path / "in", "--out", out, "--strict")
    _one_line_error(proc, "bad.txt")
    assert (out / "graph.trig").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in out.iterdir()) == ["graph.trig"]


@pytest.mark.model
def test_one_bad_file_among_good_ones_is_skipped_with_a_warning(tmp_path):
    out = tmp_path / "out"
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text("山田首相は会談した。", encoding="utf-8")
    bad = tmp_path / "in" / "bad.txt"
    bad.write_bytes(b"\x00\x00")
    proc = kg("build", tmp_path / "in", "--out", out)
    assert proc.returncode == 0, proc.stderr
    warned = [l for l in proc.stderr.splitlines() if "warning" in l and str(bad) in l]
    assert len(warned) == 1 and "binary file" in warned[0], proc.stderr
    assert "Traceback" not in proc.stderr
    assert "built" in proc.stderr.splitlines()[-1] and "1 articles (1 skipped)" in proc.stderr.splitlines()[-1]
    assert "good" in (out / "graph.trig").read_text(encoding="utf-8")


def test_query_on_a_folder_that_is_not_a_graph(tmp_path):
    _one_line_error(kg("query", "meetings", "--graph", tmp_path / "nothing"), "no such graph folder")
    _one_line_error(kg("query", "meetings", "--graph", tmp_path), "not a kg graph folder")


def test_query_with_unknown_name_lists_the_bundled_ones(tmp_path):
    (tmp_path / "graph.trig").write_text("", encoding="utf-8")
    proc = kg("query", "nope", "--graph", tmp_path)
    _one_line_error(proc, "no such query file", "meetings")


def test_eval_with_bad_gold(tmp_path):
    gold = tmp_path / "g.json"
    gold.write_text("{not json", encoding="utf-8")
    _one_line_error(kg("eval", gold, tmp_path / "a.txt"), "not a JSON gold file")


def test_query_does_not_import_spacy():
    code = ("import sys, kg.cli, kg.queries, kg.store, kg.graph; "
            "print('spacy' in sys.modules or 'ginza' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
