"""Fuzz kg's input parsers with hypothesis for a set time. Not part of CI.

    .venv/bin/python benchmarks/fuzz_inputs.py --minutes 2 [--target NAME ...] [--seed N]

Each target states the contract its function keeps for *any* input; a broken contract or an
unexpected exception is a finding, shrunk by hypothesis to a small example and printed at the end
(exit status 1 if there is any). Targets take turns until the time is up.

- decode          bytes → str without NUL or lone surrogates, or InputError
- decode_japanese Japanese text encoded as UTF-8 / UTF-8 with BOM / Shift_JIS / EUC-JP / UTF-16 reads back
- make_article    str → Article: segments in order inside the cleaned text, no sentence in a segment
                  longer than MAX_SENTENCE, no CR / control characters / lone surrogates, sha256 right
- article_id      a file name → a non-empty id whose IRI pyoxigraph accepts
- read_jsonl      a JSONL file → Articles and InputErrors (one per bad line), nothing else
- resolve_date    (text, article date) → None or a DateValue whose value is valid for its datatype
- parse_amount    text → None or (xsd:decimal lexical form, unit)
- parse_params    ["NAME=VALUE", …] → dict or QueryError
- to_term         a value → a pyoxigraph term, or QueryError
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
import tempfile
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyoxigraph as ox  # noqa: E402
from hypothesis import HealthCheck, assume, given, seed as use_seed, settings, strategies as st  # noqa: E402

from kg.articles import MAX_SENTENCE, article_id_for, decode, make_article, read_jsonl  # noqa: E402
from kg.dates import parse_amount, resolve_date  # noqa: E402
from kg.errors import InputError, QueryError  # noqa: E402
from kg.namespaces import article_iri  # noqa: E402
from kg.nlp import split_sentences  # noqa: E402
from kg.queries import parse_params, to_term  # noqa: E402

# ---------------------------------------------------------------------------- strategies
HIRAGANA = st.characters(min_codepoint=0x3041, max_codepoint=0x3096)
KATAKANA = st.characters(min_codepoint=0x30A1, max_codepoint=0x30FA)
KANJI = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA0)
ANY_CHAR = st.characters(exclude_categories=())  # surrogates, controls, private use included
CLEAN_CHAR = st.characters(exclude_categories=("Cs",))  # what cleaned article text can hold
FRAGMENTS = st.sampled_from([
    "。", "、", "「", "」", "『", "』", "（", "）", "\n", "\r\n", "\r", " ", "\u3000", "\t", "！", "？",
    "首相は", "大統領と", "会談した。", "株式会社", "を買収した。", "と述べた。", "氏", "さん",
    "2025-10-28\n", "令和7年", "10月28日", "4,000億ドル", "▪️", "■", "✳︎", "※", "・",
    "<p>", "</p>", "<br>", "<br/>", "<div class='a'>", "</div>", "<script>", "</script>", "<style>",
    "<!--", "-->", "<!DOCTYPE html>", "&lt;", "&gt;", "&amp;", "&#0;", "&#xd800;", "&#13;", "&nbsp;",
    "\ufeff", "\u200b", "\ufe0f", "\u2028", "\x85", "\x00", "\x07", "\x1b", "\x7f", "\ud800", "\udfff",
    "😀", "🇯🇵", "👨‍👩‍👧", "ｶﾀｶﾅ", "１２３", "\u0301", "\U000e0100",
])
JAPANESE_HEAVY = st.lists(st.one_of(HIRAGANA, KATAKANA, KANJI, FRAGMENTS, ANY_CHAR,
                                    st.text(HIRAGANA, min_size=1, max_size=40)),
                          max_size=300).map("".join)
LONG_LINES = st.builds(lambda unit, n, tail: unit * n + tail,
                       st.sampled_from(["あ", "東京、", "「会談し", "山田首相は会談し、", "x", "😀", "e\u0301"]),
                       st.integers(0, 1500), JAPANESE_HEAVY)
TEXT = st.one_of(JAPANESE_HEAVY, st.text(ANY_CHAR, max_size=300), LONG_LINES)
ENCODINGS = ["utf-8", "utf-8-sig", "cp932", "euc_jp", "utf-16"]
JIS_TEXT = st.lists(st.one_of(HIRAGANA, KATAKANA, st.sampled_from("日本首相大統領会談東京大阪発表株式会社、。「」\n 0123ABC")),
                    min_size=20, max_size=300).map("".join)


@st.composite
def encoded_bytes(draw):
    """Bytes that are mostly text: random bytes, or Japanese text encoded and then damaged."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=2000))
    text = draw(JAPANESE_HEAVY)
    data = bytearray(text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace"))
    for _ in range(draw(st.integers(0, 4))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


JSON_VALUE = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXT,
                       st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@st.composite
def jsonl_file(draw):
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["good", "fields", "bytes", "nested", "blank"]))
        if kind == "good":
            rec = {"id": draw(TEXT), "text": draw(TEXT), "date": draw(st.one_of(st.none(), TEXT, st.just("2025-10-28")))}
            lines.append(json.dumps(rec, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass"))
        elif kind == "fields":
            rec = draw(st.dictionaries(st.sampled_from(["id", "text", "date", "title", "url", "x"]), JSON_VALUE, max_size=6))
            lines.append(json.dumps(rec, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass"))
        elif kind == "bytes":
            lines.append(draw(encoded_bytes()).replace(b"\n", b" "))
        elif kind == "nested":
            depth = draw(st.integers(1, 5000))
            lines.append(b"[" * depth + b"]" * draw(st.integers(0, depth)))
        else:
            lines.append(draw(st.sampled_from([b"", b"  ", b"\r"])))
    eol = draw(st.sampled_from([b"\n", b"\r\n"]))
    return draw(st.sampled_from([b"", b"\xef\xbb\xbf"])) + eol.join(lines)


DATE_TEXT = st.lists(st.one_of(
    st.sampled_from(["令和", "平成", "昭和", "元", "年", "月", "日", "度", "今年", "昨年", "去年", "来年", "先月", "今月",
                     "来月", "/", "-", " ", "〇", "一", "二", "三", "九", "十", "０", "１", "２", "１２", "13", "31", "0",
                     "00", "2025", "9999", "10000", "99999999999999999999"]),
    st.integers(0, 100000).map(str), CLEAN_CHAR), max_size=12).map("".join)
ARTICLE_DATE = st.one_of(st.none(), st.dates().map(dt.date.isoformat),
                         st.sampled_from(["0001-01-01", "9999-12-31", "2025-01-31", "2024-02-29"]))
AMOUNT_TEXT = st.lists(st.one_of(
    st.sampled_from(["4,000", "億", "万", "兆", "ドル", "円", "%", "．", ".", ",", "規模", "程度", "超", "１", "0.5",
                     "٣", "১", "Ⅻ", "²", "1e5", "−", "-"]),
    st.integers(0, 10**30).map(str), CLEAN_CHAR), max_size=12).map("".join)
PARAM_VALUE = st.one_of(TEXT, st.integers(), st.floats(), st.booleans(),
                        TEXT.map(lambda t: f"<{t}>"), st.sampled_from(["<http://a/b>", "<>", "<a b>", "<\ud800>"]))

# ---------------------------------------------------------------------------- contracts
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\r\ud800-\udfff]")
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
_GYEAR = re.compile(r"^-?\d{4,}$")
_GYEARMONTH = re.compile(r"^-?\d{4,}-(0[1-9]|1[0-2])$")


def check_article(a) -> None:
    assert not _CONTROL.search(a.text), f"control character or surrogate left in text: {a.text!r}"
    assert a.sha256 == hashlib.sha256(a.text.encode("utf-8")).hexdigest()
    last = 0
    for s in a.segments:
        assert last <= s.start < s.end <= len(a.text), (s, len(a.text))
        assert a.text[s.start:s.end].strip(), f"blank segment {s}"
        for x, y in split_sentences(a.text[s.start:s.end]):
            assert y - x <= MAX_SENTENCE, f"a sentence of {y - x} characters reaches the parser"
        last = s.end
    ox.NamedNode(str(article_iri(a.id)))


def t_decode(data: bytes) -> None:
    try:
        text = decode(data, "x.txt")
    except InputError as e:
        assert "x.txt" in str(e) and "\n" not in str(e)
        return
    assert isinstance(text, str)
    assert "\x00" not in text[:4096] and not re.search(r"[\ud800-\udfff]", text)


def t_decode_japanese(text: str, enc: str) -> None:
    try:
        data = text.encode(enc)
    except UnicodeEncodeError:
        assume(False)  # not every kana has a Shift_JIS / EUC-JP code
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = decode(data, "x.txt")
    assert got == text, f"{enc}: read back as {got!r}"


def t_make_article(text: str, date: str | None) -> None:
    check_article(make_article(text, id="a", source="a.txt", date=date))


def t_article_id(name: str) -> None:
    name = name.replace("/", "_").replace("\x00", "_") or "_"
    art_id = article_id_for(Path(name + ".txt"))
    assert art_id and isinstance(art_id, str)
    ox.NamedNode(str(article_iri(art_id)))


_JSONL_DIR = Path(tempfile.mkdtemp(prefix="kg-fuzz-"))


def t_read_jsonl(data: bytes) -> None:
    path = _JSONL_DIR / "in.jsonl"
    path.write_bytes(data)
    errors: list[InputError] = []
    try:
        articles = list(read_jsonl(path, on_bad=errors.append))
    except InputError as e:  # a file-level error (binary file)
        assert "NUL" in str(e), e
        return
    lines = [l for l in data.split(b"\n") if l.strip(b" \r\t\n\xef\xbb\xbf")]
    assert len(articles) + len(errors) <= len(lines) + 1
    for a in articles:
        check_article(a)
    for e in errors:
        assert "\n" not in str(e) and str(path) in str(e)


def t_resolve_date(text: str, article_date: str | None) -> None:
    v = resolve_date(text, article_date)
    if v is None:
        return
    assert v.datatype in ("date", "gYearMonth", "gYear"), v
    if v.datatype == "date":
        dt.date.fromisoformat(v.value)
    elif v.datatype == "gYearMonth":
        assert _GYEARMONTH.match(v.value), v
    else:
        assert _GYEAR.match(v.value), v
    assert not v.value.lstrip("-").startswith("0000"), f"year zero is not an XSD 1.0 year: {v}"


def t_parse_amount(text: str) -> None:
    r = parse_amount(text)
    if r is None:
        return
    value, unit = r
    assert _DECIMAL.match(value), f"not an xsd:decimal: {value!r}"
    assert isinstance(unit, str)
    unit.encode("utf-8")


def t_parse_params(items: list[str]) -> None:
    try:
        out = parse_params(items)
    except QueryError as e:
        assert "\n" not in str(e)
        return
    for k, v in out.items():
        ox.Variable(k)
        t_to_term(v)


def t_to_term(value) -> None:
    try:
        term = to_term(value)
    except QueryError as e:
        assert "\n" not in str(e)
        return
    assert isinstance(term, (ox.NamedNode, ox.Literal)), term


TARGETS = {
    "decode": (t_decode, (encoded_bytes(),)),
    "decode_japanese": (t_decode_japanese, (JIS_TEXT, st.sampled_from(ENCODINGS))),
    "make_article": (t_make_article, (TEXT, ARTICLE_DATE)),
    "article_id": (t_article_id, (TEXT,)),
    "read_jsonl": (t_read_jsonl, (jsonl_file(),)),
    "resolve_date": (t_resolve_date, (DATE_TEXT, ARTICLE_DATE)),
    "parse_amount": (t_parse_amount, (AMOUNT_TEXT,)),
    "parse_params": (t_parse_params, (st.lists(st.one_of(TEXT, st.builds("{}={}".format, st.from_regex(
        r"[A-Za-z_]\w{0,5}", fullmatch=True), TEXT))),)),
    "to_term": (t_to_term, (PARAM_VALUE,)),
}


# ---------------------------------------------------------------------------- the loop
@dataclass
class Finding:
    target: str
    kind: str
    detail: str
    seen: int = 1


@dataclass
class Report:
    findings: dict = field(default_factory=dict)
    rounds: dict = field(default_factory=dict)

    def add(self, target: str, exc: BaseException) -> None:
        if isinstance(exc, BaseExceptionGroup):  # hypothesis found several distinct failures
            for sub in exc.exceptions:
                self.add(target, sub)
            return
        kind = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''}"
        key = (target, type(exc).__name__, re.sub(r"\d+", "N", kind)[:80])
        if key in self.findings:
            self.findings[key].seen += 1
        else:
            self.findings[key] = Finding(target, kind, "".join(traceback.format_exception(exc))[-3000:])


def run_round(name: str, examples: int, seed: int, report: Report) -> None:
    fn, strategies = TARGETS[name]
    # a fresh seed per round, so rounds explore different inputs
    test = use_seed(seed)(settings(max_examples=examples, deadline=None, database=None,
                                   suppress_health_check=list(HealthCheck), print_blob=False)(given(*strategies)(fn)))
    try:
        test()
    except Exception as exc:  # noqa: BLE001 - every failure is a finding to report
        report.add(name, exc)
    report.rounds[name] = report.rounds.get(name, 0) + 1


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--minutes", type=float, default=2.0)
    p.add_argument("--examples", type=int, default=300, help="examples per round of one target")
    p.add_argument("--target", action="append", choices=sorted(TARGETS))
    p.add_argument("--seed", type=int, default=int(time.time()))
    a = p.parse_args(argv)
    names = a.target or list(TARGETS)
    report = Report()
    end = time.monotonic() + a.minutes * 60
    k = 0
    while time.monotonic() < end:
        name = names[k % len(names)]
        run_round(name, a.examples, a.seed + k, report)
        k += 1
    print(f"fuzzed {a.minutes:g} min, seed {a.seed}: " +
          ", ".join(f"{n} ×{report.rounds.get(n, 0)}" for n in names) + f" rounds of {a.examples} examples")
    if not report.findings:
        print("no findings")
        return 0
    for f in report.findings.values():
        print(f"\n== {f.target}: {f.kind} (seen in {f.seen} rounds)\n{f.detail}")
    print(f"\n{len(report.findings)} findings")
    return 1


if __name__ == "__main__":
    sys.exit(main())
