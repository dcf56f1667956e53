"""Bad input and hostile text, as a user meets them on the command line (docs/robustness.md).

Every bad input gives one line naming the file and what is wrong, a non-zero exit and no traceback,
and leaves a previous graph folder byte for byte as it was. In a batch a bad article is skipped with
a warning (``--strict``: an error). A build killed at any point leaves the previous outputs whole.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
OUTPUTS = ("graph.trig", "graph.ttl", "graph.html")


def kg(*args, cwd=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=timeout)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder (store/ included), by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def one_line_error(proc, *needles) -> str:
    assert proc.returncode == 2, proc.stderr
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    for n in needles:
        assert n in lines[0], lines[0]
    return lines[0]


@pytest.fixture()
def previous(tmp_path):
    """A graph folder from an earlier build (model-free: a hand-built article)."""
    from kg.graph import dataset_for, write_directory
    from tests.builders import small_result

    out = tmp_path / "graph"
    write_directory(dataset_for([small_result("earlier")]), out)
    return out


# ------------------------------------------------------------------ one bad input (no model needed)

JSONL_GOOD = '{"id": "ok", "text": "鈴木社長は大阪で記者会見を開いた。"}'
BAD_INPUTS = [
    # name, bytes, extra options, what the message says
    ("empty.txt", b"", (), "empty file"),
    ("blank.txt", " \n\t\r\n\u3000".encode(), (), "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", (), "binary file"),
    ("latin1.txt", "Café crème à 3 €".encode("latin-1", "replace") * 8, (), "not UTF-8"),
    ("sjis-said-utf8.txt", "山田首相は会談した。".encode("cp932"), ("--encoding", "utf-8"), "cannot decode as utf-8"),
    ("unknown-encoding.txt", "本文。".encode(), ("--encoding", "klingon"), "cannot decode as klingon"),
    ("dateonly.txt", b"2025-10-28\r\n", (), "no article text"),
    ("controls-only.txt", b"\x07\x08\x1b\x7f\x0c", (), "no article text"),
    ("surrogate.jsonl", b'{"id": "x", "text": "\\ud800\xe6\x9c\xac\xe6\x96\x87"}\n', (), "unpaired surrogate"),
    ("missing.jsonl", b'{"id": "x"}\n', (), "missing field text"),
    ("notjson.jsonl", b"{id: x, text: y}\n", (), "not valid JSON"),
    ("deep.jsonl", b"[" * 100000 + b"\n", (), "not valid JSON"),
    ("title.jsonl", b'{"id": "x", "text": "\xe6\x9c\xac\xe6\x96\x87", "title": 7}\n', (), "field title must be a string"),
    ("latin1.jsonl", b'{"id": "x", "text": "caf\xe9"}\n', (), "cannot decode as UTF-8"),
]


@pytest.mark.parametrize("name,content,options,needle", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_a_bad_input_gives_one_line_and_leaves_the_previous_graph(tmp_path, previous, name, content, options, needle):
    bad = tmp_path / name
    bad.write_bytes(content)
    before = snapshot(previous)
    line = one_line_error(kg("build", bad, "--out", previous, *options), needle, str(bad))
    assert line.startswith("kg build: error: ")
    assert snapshot(previous) == before


def _folder_without_articles(d: Path) -> Path:
    (d / "notes").mkdir()
    (d / "notes" / "a.md").write_text("本文", encoding="utf-8")
    return d / "notes"


def _huge_file(d: Path) -> Path:
    (d / "huge.txt").write_bytes("あ。".encode() * 1_700_000)
    return d / "huge.txt"


@pytest.mark.parametrize("make,needle", [
    (lambda d: d / "nope.txt", "no such file or folder"),
    (lambda d: d / "nothing-*.txt", "no file matches this pattern"),
    (_folder_without_articles, "no .txt or .jsonl"),
    (lambda d: Path("/dev/null"), "not a regular file"),
    (_huge_file, "too large"),
], ids=["missing", "glob", "empty-folder", "device", "too-large"])
def test_a_wrong_path_gives_one_line(tmp_path, previous, make, needle):
    before = snapshot(previous)
    path = make(tmp_path)
    one_line_error(kg("build", path, "--out", previous), needle, str(path))
    assert snapshot(previous) == before


def test_a_batch_of_only_bad_articles_is_an_error_after_a_warning_each(tmp_path, previous):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_bytes(b"")
    (d / "b.txt").write_bytes(b"\x00\x01")
    (d / "c.jsonl").write_bytes(b'{"id": "x"}\n\n{"text": "t"}\n')
    before = snapshot(previous)
    proc = kg("build", d, "--out", previous)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.splitlines()
    assert [l.split(": ")[1].rsplit("/", 1)[-1] for l in lines[:4]] == ["a.txt", "b.txt", "c.jsonl:1", "c.jsonl:3"]
    assert all(l.startswith("warning: skipped ") for l in lines[:4])
    assert lines[4] == "kg build: error: no articles to build (4 inputs skipped)"
    assert snapshot(previous) == before


@pytest.mark.parametrize("bad_name,content,needle", [
    ("b-binary.txt", b"\x00\x00", "binary file"),
    ("b-lines.jsonl", JSONL_GOOD.encode() + b'\n{"id": "y", "text": "\\udc00"}\n', "unpaired surrogate"),
])
def test_strict_makes_one_bad_article_in_a_batch_an_error(tmp_path, previous, bad_name, content, needle):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a-good.txt").write_text("山田首相は会談した。", encoding="utf-8")
    (d / bad_name).write_bytes(content)
    before = snapshot(previous)
    one_line_error(kg("build", d, "--out", previous, "--strict"), needle, bad_name)
    assert snapshot(previous) == before


def test_english_only_text_is_an_empty_graph_with_a_warning(tmp_path):
    """No Japanese, so nothing is parsed (and GiNZA is not loaded): a graph with the article node only."""
    src = tmp_path / "english.txt"
    src.write_text("The prime minister met the president in Tokyo on Tuesday.\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = kg("build", src, "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert f"{src}: warning: no Japanese text, nothing extracted" in proc.stderr
    assert "0 entities, 0 facts" in proc.stderr.splitlines()[-1]
    assert all((out / f).exists() for f in OUTPUTS)


# ------------------------------------------------------------------ reading details (in process)

def test_html_pages_are_stripped_before_offsets_and_quoted_tags_stay_text():
    from kg.articles import make_article

    page = ('<!DOCTYPE html><html><head><title>t</title><style>p{color:red}</style>'
            '<script>alert(1)</script></head><body><p>山田首相は<b>東京</b>で会談した。</p>'
            '<!-- a comment --><div class="x">A&amp;B社&lt;p&gt;</div><br/>次の段落。</body></html>')
    a = make_article(page, id="p", source="p.txt")
    assert "<" not in a.text.replace("<p>", "") and "alert" not in a.text and "color" not in a.text
    assert [a.text[s.start:s.end] for s in a.segments] == ["t", "山田首相は東京で会談した。", "A&B社<p>", "次の段落。"]
    quoted = "攻撃者は<script>alert(1)</script>のような文字列を送った。"
    assert make_article(quoted, id="q", source="q.txt").text == quoted  # no page markup: kept as text


def test_encodings_bom_crlf_controls_and_emoji_are_read(tmp_path):
    from kg.articles import read_articles

    body = "山田首相は東京で会談した。\n鈴木社長は「協力する」と述べた。"
    files = {
        "sjis.txt": body.encode("cp932"), "euc.txt": body.encode("euc_jp"), "utf16.txt": body.encode("utf-16"),
        "bom.txt": b"\xef\xbb\xbf" + body.encode(), "crlf.txt": body.replace("\n", "\r\n").encode(),
        "cr.txt": body.replace("\n", "\r").encode(),
        "controls.txt": ("\x07" + body.replace("。", "。\x1b\x85\x9b", 1) + "\x7f").encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "emoji.txt").write_text("山田首相は😀東京で🇯🇵会談した。👨‍👩‍👧", encoding="utf-8")
    with pytest.warns(UserWarning) as caught:
        arts = {Path(a.source).name: a for a in read_articles([tmp_path])}
    assert sorted(str(w.message).split(":")[0].rsplit("/", 1)[-1] for w in caught) == ["euc.txt", "sjis.txt", "utf16.txt"]
    for name in files:
        assert arts[name].text == body, name
    assert arts["emoji.txt"].text == "山田首相は😀東京で🇯🇵会談した。👨‍👩‍👧"


def test_encoding_option_reads_what_detection_would_not(tmp_path):
    from kg.articles import read_articles

    p = tmp_path / "a.txt"
    p.write_bytes("本文".encode("cp932") + b" abc" * 40)  # too little Japanese to guess
    with pytest.raises(Exception, match="pass --encoding"):
        read_articles([p])
    assert read_articles([p], encoding="cp932")[0].text.startswith("本文")


def test_one_megabyte_article_reads_quickly_in_bounded_sentences():
    import time as _time

    from kg.articles import MAX_SENTENCE, make_article
    from kg.nlp import split_sentences

    para = "山田首相は東京で会談し、協力の強化で一致した。" * 20
    text = "\n".join([para] * 800) + "\n「" + "閉じない括弧の中の長い文" * 2000  # ~1.1 MB
    assert len(text.encode("utf-8")) > 1_000_000
    t = _time.perf_counter()
    a = make_article(text, id="big", source="big.txt")
    assert _time.perf_counter() - t < 10
    longest = max(y - x for s in a.segments for x, y in split_sentences(a.text[s.start:s.end]))
    assert longest <= MAX_SENTENCE


def test_a_long_sentence_is_cut_at_commas_and_ordinary_sentences_stay_whole():
    from kg.articles import MAX_SENTENCE, make_article

    long = "東京、" * 2000 + "で会談した。"
    text = "短い文です。" + long + "次の文です。"
    a = make_article(text, id="l", source="l.txt")
    pieces = [a.text[s.start:s.end] for s in a.segments]
    assert "".join(pieces) == text
    assert pieces[0] == "短い文です。" and pieces[-1].endswith("次の文です。")
    assert all(len(p) <= MAX_SENTENCE for p in pieces) and all(p.endswith("、") for p in pieces[1:-2])


def test_jsonl_lines_are_split_on_newlines_only(tmp_path):
    """U+2028 is a line break to str.splitlines but legal inside a JSON string."""
    from kg.articles import read_jsonl

    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"id": "a", "text": "一行目\u2028二行目。\x85"}, ensure_ascii=False) + "\r\n",
                 encoding="utf-8")
    (a,) = read_jsonl(p)
    assert a.text == "一行目\u2028二行目。"


def test_undecodable_file_names_are_shown_not_crashed_on(tmp_path):
    from kg.articles import display_name, read_articles

    name = os.fsdecode(b"bad-\xff.txt")
    (tmp_path / name).write_bytes(b"")
    with pytest.raises(Exception) as e:
        read_articles([tmp_path / name])
    assert "bad-\ufffd.txt: empty file" in str(e.value)
    assert display_name(tmp_path / name).encode("utf-8")


# ------------------------------------------------------------------ nothing executed, nothing injected

def test_query_parameters_are_bound_not_pasted(previous):
    from kg.queries import read_query, run_query
    from kg.store import open_store

    before = snapshot(previous)
    store = open_store(previous)
    for hostile in ['"} . ?s ?p ?o . FILTER(true) } #', "') } UNION { ?s ?p ?o } #", "\\\" ; DROP ALL",
                    "山田太郎\n} LIMIT 1"]:
        cols, rows = run_query(store, read_query("statements_by_person"), {"name": hostile})
        assert rows == [], hostile
    proc = kg("query", "evidence", "--graph", previous, "--param", 'subject=x" } ; DELETE WHERE { ?s ?p ?o } #',
              "--param", "object=y")
    assert proc.returncode == 0 and proc.stdout.strip().endswith("(0 rows)"), proc.stderr
    del store
    assert snapshot(previous) == before


def test_hostile_names_are_escaped_in_every_output(tmp_path):
    """A payload in a name, a quote and a file name: valid IRIs, escaped literals, escaped page."""
    import pyoxigraph as ox

    from kg.graph import dataset_for, write_directory
    from kg.types import ArticleResult, Entity, Fact
    from tests.builders import small_result

    payload = '<img src=x onerror="window.__x=1"></script><script>window.__x=2</script>"\'\\\n> .'
    r = small_result('a"> <script>/' + payload)
    ents = r.entities + (Entity(key="Person:" + payload, cls="Person", label=payload, alt_labels=(payload,)),)
    facts = r.facts + (Fact(cls="Statement", predicate=payload, sentence=0, quote=payload,
                            roles=(("agent", "Person:" + payload),), article_id=r.article.id),)
    r = ArticleResult(article=r.article, sentences=r.sentences, mentions=r.mentions, entities=ents, facts=facts)
    out = tmp_path / "graph"
    write_directory(dataset_for([r]), out)
    quads = list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    assert any(q.object == ox.Literal(payload, language="ja") for q in quads)
    assert list(ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "<script>window.__x" not in page and "window.__x" in page


# ------------------------------------------------------------------ nothing lost: killed builds

KILL_AT = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[3])
    from kg.graph import dataset_for, write_directory
    from tests.builders import small_result

    n, calls, real = int(sys.argv[2]), [0], os.replace
    def replace(a, b):
        calls[0] += 1
        if calls[0] == n:
            os._exit(9)  # like SIGKILL: no cleanup runs
        return real(a, b)
    os.replace = replace
    write_directory(dataset_for([small_result("later")]), Path(sys.argv[1]))
    print(calls[0])
""")


def test_a_build_killed_at_any_rename_leaves_whole_outputs_and_the_next_run_completes(tmp_path):
    from kg.graph import dataset_for, write_directory
    from kg.queries import read_query, run_query
    from kg.store import open_store
    from tests.builders import small_result

    new_dir = tmp_path / "new" / "graph"
    write_directory(dataset_for([small_result("later")]), new_dir)
    new = {f: (new_dir / f).read_bytes() for f in OUTPUTS}
    script = tmp_path / "kill_at.py"
    script.write_text(KILL_AT, encoding="utf-8")
    renames = int(subprocess.run([sys.executable, str(script), str(tmp_path / "count" / "graph"), "0", str(ROOT)],
                                 capture_output=True, text=True, check=True).stdout)
    assert renames == 4  # page, Turtle, store, TriG (a first build has no store to move aside)
    for n in range(1, 6):  # with a previous store: page, Turtle, store aside, new store in, TriG
        out = tmp_path / f"kill{n}" / "graph"
        write_directory(dataset_for([small_result("earlier")]), out)
        old = {f: (out / f).read_bytes() for f in OUTPUTS}
        proc = subprocess.run([sys.executable, str(script), str(out), str(n), str(ROOT)], capture_output=True, text=True)
        assert proc.returncode == 9, proc.stderr
        for f in OUTPUTS:
            assert (out / f).read_bytes() in (old[f], new[f]), (n, f)
        cols, rows = run_query(open_store(out), read_query("entity_counts"))
        assert rows, n
        write_directory(dataset_for([small_result("later")]), out)  # the next run completes …
        assert {f: (out / f).read_bytes() for f in OUTPUTS} == new
        assert sorted(p.name for p in out.iterdir()) == ["graph.html", "graph.trig", "graph.ttl", "store"], n


def _start_build(src: Path, out: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(src), "--out", str(out)], cwd=ROOT,
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line or line.startswith("[1/"):
            return proc, line
    proc.kill()
    raise AssertionError("no progress line")


@pytest.mark.model
def test_a_build_interrupted_or_killed_mid_way_leaves_the_previous_graph(tmp_path, examples_graph_dir, copy_of):
    from kg.queries import read_query, run_query
    from kg.store import open_store

    out = copy_of(examples_graph_dir)
    src = tmp_path / "many"
    src.mkdir()
    for k in range(10):
        for p in sorted(EXAMPLES.glob("*.txt")):
            (src / f"copy{k:02d}-{p.name}").write_bytes(p.read_bytes())
    before = snapshot(out)

    proc, line = _start_build(src, out)
    assert line.startswith("[1/30]"), line
    proc.send_signal(signal.SIGINT)
    rest = proc.communicate(timeout=60)[1]
    assert proc.returncode == 130 and "interrupted; previous outputs are unchanged" in rest, rest
    assert "Traceback" not in rest
    assert snapshot(out) == before

    proc, line = _start_build(src, out)
    assert line.startswith("[1/30]"), line
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert snapshot(out) == before
    cols, rows = run_query(open_store(out), read_query("entity_counts"))
    assert rows

    done = kg("build", src, "--out", out, "--quiet")
    assert done.returncode == 0, done.stderr
    assert "built" in done.stderr and "30 articles" in done.stderr
    assert all((out / f).read_bytes() != before[f] for f in OUTPUTS)
    # and the kept state of an incremental build (kg.incremental), written last
    assert sorted(p.name for p in out.iterdir()) == ["articles", "graph.html", "graph.trig", "graph.ttl",
                                                     "manifest.json", "store"]


# ------------------------------------------------------------------ a batch of everything (one GiNZA load)

@pytest.mark.model
def test_a_batch_of_hostile_inputs_builds_with_warnings(tmp_path, previous):
    import pyoxigraph as ox

    body = "山田首相は東京で会談した。"
    d = tmp_path / "in"
    d.mkdir()
    files = {
        "sjis.txt": ("佐藤社長は大阪で会見した。").encode("cp932"),
        "euc.txt": ("田中知事は名古屋で講演した。").encode("euc_jp"),
        "bom.txt": b"\xef\xbb\xbf" + body.encode(),
        "crlf.txt": ("2025-10-28\r\n" + body + "\r\n").encode(),
        "html.txt": ("<html><body><p>" + body + "</p><script>window.__x=1</script>"
                     "<p>&lt;img src=x onerror=alert(1)&gt;と書かれた。</p></body></html>").encode(),
        "controls.txt": ("山田首相は\x07東京で\x1b会談\x0cした。\x7f\x9b").encode(),
        "emoji.txt": "山田首相は😀東京で🇯🇵会談した。".encode(),
        "english.txt": b"The prime minister met the president.",
        "long.txt": (("山田首相は東京で会談し、" * 900)[:9999] + "。").encode(),
        "empty.txt": b"",
        "binary.txt": b"\x00\x01\x02",
        "lines.jsonl": (json.dumps({"id": "j1", "text": "鈴木社長は「協力する」と述べた。"}, ensure_ascii=False)
                        + '\n{"id": "j2"}\n{"id": "j3", "text": "\\ud800"}\n').encode(),
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    proc = kg("build", d, "--out", previous)
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr
    assert "Traceback" not in err
    for bad, why in [("binary.txt", "binary file"), ("empty.txt", "empty file"),
                     ("lines.jsonl:2", "missing field text"), ("lines.jsonl:3", "field text has an unpaired surrogate")]:
        assert f"warning: skipped {d / bad}: {why}" in err, (bad, err)
    assert f"warning: {d / 'sjis.txt'}: not UTF-8, decoded as cp932" in err
    assert f"warning: {d / 'euc.txt'}: not UTF-8, decoded as euc_jp" in err
    assert f"{d / 'english.txt'}: warning: no Japanese text" in err
    assert "10 articles (4 skipped)" in err.splitlines()[-1]

    quads = list(ox.parse(path=str(previous / "graph.trig"), format=ox.RdfFormat.TRIG))
    texts = [q.object.value for q in quads if q.predicate.value.endswith("#text")]
    assert "佐藤社長は大阪で会見した。" in texts and "田中知事は名古屋で講演した。" in texts
    assert "<img src=x onerror=alert(1)>と書かれた。" in texts  # escaped in the page, text in the graph
    assert not any("window.__x" in t or "\r" in t or "\ufeff" in t for t in texts)
    assert not any(ord(c) < 32 and c != "\n" or 0x7f <= ord(c) <= 0x9f for t in texts for c in t)
    assert "山田首相は😀東京で🇯🇵会談した。" in texts
    long_sentences = [q for q in quads if q.predicate.value.endswith("#sentenceIndex") and "/article/long/" in q.subject.value]
    assert len(long_sentences) >= 25
    page = (previous / "graph.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "<script>window" not in page
    assert "earlier" not in (previous / "graph.trig").read_text(encoding="utf-8")  # replaced, not merged


# ------------------------------------------------------------------ a bug brought out by one article

def test_an_article_that_breaks_extraction_is_skipped_in_a_batch(tmp_path, monkeypatch):
    """A bug that one text brings out costs that article, not the batch; --strict lets it raise."""
    import kg.nlp
    import kg.pipeline
    from kg.graph import build_directory
    from kg.types import ParsedArticle

    def parse(articles, **kwargs):  # no model: every article parses to no sentences
        return (ParsedArticle(a, ()) for a in articles)

    real = kg.pipeline.extract

    def extract(parsed):
        if parsed.article.id == "b":
            raise ValueError("month must be in 1..12")
        return real(parsed)

    monkeypatch.setattr(kg.nlp, "parse", parse)
    monkeypatch.setattr(kg.pipeline, "extract", extract)
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text("本文。", encoding="utf-8")
    seen: list[str] = []
    results = build_directory([tmp_path], tmp_path / "out", progress=seen.append, html=False)
    assert [r.article.id for r in results] == ["a", "c"]
    assert results.skipped == (f"{tmp_path / 'b.txt'}: extraction failed (ValueError: month must be in 1..12); "
                               "this is a bug in kg, please report it with the article",)
    assert f"warning: skipped {results.skipped[0]}" in seen
    with pytest.raises(ValueError):
        build_directory([tmp_path], tmp_path / "out2", html=False, strict=True)
    assert not (tmp_path / "out2").exists()
    from kg.errors import KgError

    with pytest.raises(KgError, match="b.txt: extraction failed"):
        build_directory([tmp_path / "b.txt"], tmp_path / "out3", html=False)


# ------------------------------------------------------------------ found by benchmarks/fuzz_inputs.py

def test_fuzz_findings_fixed_in_the_reader(tmp_path):
    from kg.articles import article_id_for, decode, make_article, read_articles, read_jsonl
    from kg.errors import InputError

    assert make_article("\ud800本文\udfff", id="x", source="x").text == "\ufffd本文\ufffd"  # was UnicodeEncodeError
    assert article_id_for(Path("\ud800.txt"))  # was UnicodeEncodeError
    assert "\ud800" not in make_article(decode(b"\\ud800abc", "x", "raw_unicode_escape"), id="x", source="x").text
    (tmp_path / "a.txt").write_text("本文。", encoding="utf-8")
    assert [a.id for a in read_articles([str(tmp_path / "*.txt")])] == ["a"]  # was NotImplementedError
    deep = tmp_path / "deep.jsonl"
    deep.write_bytes(b"[" * 100000)
    with pytest.raises(InputError, match="not valid JSON"):  # was RecursionError
        list(read_jsonl(deep))
    big = tmp_path / "big.jsonl"
    big.write_bytes(b'{"id": "x", "text": "t", "n": ' + b"9" * 5000 + b"}")
    with pytest.raises(InputError, match="not valid JSON"):  # was ValueError (int digits limit)
        list(read_jsonl(big))


def test_fuzz_finding_month_13_is_not_a_date():
    from kg.dates import resolve_date

    assert resolve_date("13月5日", "2025-10-30") is None


def test_fuzz_finding_month_13_with_a_year_is_not_a_date():
    from kg.dates import resolve_date

    assert resolve_date("2025年13月", None) is None


def test_fuzz_finding_year_zero():
    from kg.dates import resolve_date

    v = resolve_date("昨年", "0001-01-01")
    assert v is None or v.value != "0000"


def test_fuzz_finding_param_with_a_lone_surrogate():
    from kg.errors import QueryError
    from kg.queries import to_term

    with pytest.raises(QueryError):
        to_term("\ud800")


def test_fuzz_finding_bad_iri_message_is_one_line():
    from kg.errors import QueryError
    from kg.queries import to_term

    with pytest.raises(QueryError) as e:
        to_term("<a\nb>")
    assert "\n" not in str(e.value)


def test_an_output_path_that_is_a_file_gives_one_line(tmp_path):
    src = tmp_path / "english.txt"
    src.write_text("No Japanese here.", encoding="utf-8")
    target = tmp_path / "graph"
    target.write_text("mine", encoding="utf-8")
    proc = kg("build", src, "--out", target, "--quiet")
    one_line_error(proc, str(target), "is a file, not a graph folder")
    assert target.read_text(encoding="utf-8") == "mine"


def test_a_repeated_article_id_is_skipped_in_a_batch_and_an_error_when_strict(tmp_path):
    from kg.articles import read_articles
    from kg.errors import InputError

    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text(f"{sub}の本文。", encoding="utf-8")
    bad: list[InputError] = []
    assert [a.text for a in read_articles([tmp_path], on_bad=bad.append)] == ["aの本文。"]
    assert [str(e) for e in bad] == [f"{tmp_path / 'b' / 'same.txt'}: article id 'same' is also used by "
                                     f"{tmp_path / 'a' / 'same.txt'}"]
    with pytest.raises(InputError, match="also used by"):
        read_articles([tmp_path])


def test_a_failed_write_changes_nothing_and_says_so_in_one_line(previous, monkeypatch):
    """A full disk while the page is written: no output is renamed, no temporary is left."""
    import errno

    import kg.store
    from kg.errors import GraphError
    from kg.graph import dataset_for, write_directory
    from tests.builders import small_result

    real = kg.store.atomic_path

    def atomic_path(path):
        if path.name == "graph.html":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(path)

    monkeypatch.setattr(kg.store, "atomic_path", atomic_path)
    before = snapshot(previous)
    with pytest.raises(GraphError, match="cannot write the graph folder \\(No space left on device\\)"):
        write_directory(dataset_for([small_result("later")]), previous)
    assert snapshot(previous) == before
