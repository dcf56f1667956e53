import pytest

from kg.articles import clean_text, decode, make_article, parse_date_line, read_articles, read_jsonl
from kg.errors import InputError


@pytest.mark.parametrize("line,expected", [
    ("10/28/2025", "2025-10-28"),
    ("2025-10-28", "2025-10-28"),
    ("2025年10月28日", "2025-10-28"),
    ("２０２５年１０月２８日", "2025-10-28"),
    ("2025年13月1日", None),
    ("高市首相は28日", None),
])
def test_date_line(line, expected):
    assert parse_date_line(line) == expected


def test_segments_skip_date_and_note_and_mark_headings():
    text = "2025-10-28\n本文の一行目。\n▪️見出し\n本文の二行目。\n✳︎写真はイメージです"
    a = make_article(text, id="a", source="a.txt")
    assert a.date == "2025-10-28"
    parts = [(a.text[s.start:s.end], s.heading) for s in a.segments]
    assert parts == [("本文の一行目。", False), ("▪️見出し", True), ("本文の二行目。", False)]


def test_a_first_line_that_is_no_sentence_is_the_headline():
    a = make_article("05/19/2026\n東和電機が新工場　北斗市に\n東和電機は１９日、北斗市に新工場を建てると発表した。\n"
                     "同社によると、稼働は来年だ。\n", id="x", source="x")
    assert a.title == "東和電機が新工場　北斗市に"
    assert [s.heading for s in a.segments] == [True, False, False]


@pytest.mark.parametrize("text", [
    "東和電機は１９日、北斗市に新工場を建てると発表した。\n同社によると、稼働は来年だ。",  # a sentence opens it
    "「工場は地域の誇りだ」\n北村市長は記者会見でこう語った。",  # a remark, not a headline
    "東和電機が新工場　北斗市に",  # one line: the article is its only text
])
def test_a_first_line_is_body_text_unless_it_heads_the_body(text):
    a = make_article(text, id="x", source="x")
    assert a.title is None and not any(s.heading for s in a.segments)


def test_crlf_and_control_characters_are_cleaned():
    assert clean_text("a\r\nb\rc\x07d") == "a\nb\ncd"


def test_shift_jis_is_decoded_with_a_warning():
    data = "高市首相は会談した。".encode("cp932")
    with pytest.warns(UserWarning, match="cp932"):
        assert decode(data, "x.txt") == "高市首相は会談した。"


def test_bom_is_removed():
    assert decode("\ufeff本文".encode("utf-8"), "x") == "本文"


@pytest.mark.parametrize("content,message", [
    (b"", "empty file"),
    (b"  \n\t\n", "empty file"),
    (b"\x00\x01\x02binary", "binary file"),
    (bytes(range(128, 256)) * 3, "not UTF-8"),
])
def test_bad_files_name_the_file(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message) as e:
        read_articles([p])
    assert str(p) in str(e.value)


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        read_articles([tmp_path / "nope.txt"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no .txt or .jsonl"):
        read_articles([tmp_path / "empty"])


def test_jsonl_reads_articles_and_reports_bad_lines(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text('{"id": "x1", "date": "2025-01-02", "text": "本文です。"}\n', encoding="utf-8")
    arts = list(read_jsonl(p))
    assert [(a.id, a.date, a.text) for a in arts] == [("x1", "2025-01-02", "本文です。")]
    p.write_text('{"id": "x1"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"a.jsonl:1: missing field text"):
        list(read_jsonl(p))
    p.write_text('{"id": "x", "text": "\\ud800"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="unpaired surrogate"):
        list(read_jsonl(p))


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("二つ目。", encoding="utf-8")
    (tmp_path / "1.txt").write_text("一つ目。", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    assert [a.text for a in read_articles([tmp_path])] == ["一つ目。", "二つ目。"]
