"""Reading inputs: .txt files, folders of them, JSONL; encodings; the date line; headings.

An article's text is the *cleaned* input (see ``clean_text``): decoded, newlines as LF, HTML
markup stripped when the input looks like a web page, control characters removed. Every offset
kg writes (segments, sentences, mentions) indexes this cleaned text, never the raw bytes.
"""
from __future__ import annotations

import glob
import hashlib
import html
import json
import os
import re
import stat
import sys
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .types import Article, Segment

HEADING_MARKERS = "▪■□◆◇●○◎★☆▼▽▶►◉・"
NOTE_MARKERS = "✳✴※＊*"
HEADLINE_MAX = 80  # characters; a longer first line is body text
_DATE_LINE = re.compile(
    r"^\s*(?:(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})"
    r"|(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})"
    r"|(?P<y3>\d{4})年(?P<m3>\d{1,2})月(?P<d3>\d{1,2})日)\s*$"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Markup that structures a page. Text that only quotes a tag (an article about a <script> attack)
# is not a page: it stays text, and the graph page escapes it.
_HTML_HINT = re.compile(
    r"<(?:/?(?:p|br|div|html|body|head|article|section|li|ul|ol|h[1-6]|table|tr|td|blockquote)\b[^<>]{0,500}>"
    r"|!doctype\b)", re.I)
_HTML_DROP = re.compile(r"<!--.*?(?:-->|$)|<(script|style)\b[^<>]{0,500}>.*?(?:</\1\s*>|$)", re.I | re.S)
_HTML_BREAK = re.compile(
    r"</?(?:p|br|div|li|h[1-6]|tr|table|ul|ol|blockquote|section|article|header|footer|title)\b[^<>]{0,500}>", re.I)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]{0,500}>|<![^<>]{0,500}>|<\?[^<>]{0,500}>")
# GiNZA's bunsetu step grows faster than the square of a sentence's length (2,000 characters take
# 15 s, 4,000 take minutes): a longer run without a sentence end is cut into pieces of this size.
MAX_SENTENCE = 400
_SOFT_BREAKS = "、，,;；:： \u3000\t」』）)】〉》"
TEXT_SUFFIXES = (".txt",)
MAX_FILE_BYTES = 10_000_000  # a .txt file is one article; ten times the longest news feature
JSONL_SUFFIXES = (".jsonl", ".ndjson")


class EncodingWarning_(UserWarning):
    """The input was not UTF-8 and was decoded with another encoding."""


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else Shift_JIS / EUC-JP
    (whichever reads as more Japanese) with a warning. Raises InputError naming ``name``."""
    if encoding:
        try:
            text = data.decode(encoding)
        except (UnicodeError, LookupError) as e:
            raise InputError(f"{name}: cannot decode as {encoding}: {e.__class__.__name__}") from None
        if "\x00" in text:
            raise InputError(f"{name}: binary file (NUL characters after decoding as {encoding})")
        return text
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: starts with a UTF-16 byte-order mark but is not UTF-16") from None
        if "\x00" not in text:
            warnings.warn(f"{name}: not UTF-8, decoded as utf-16", EncodingWarning_, stacklevel=2)
            return text
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: binary file (contains NUL bytes), expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    candidates = []
    for enc in ("cp932", "euc_jp"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _japanese_score(text)
        if score is not None:
            candidates.append((score, enc, text))
    if candidates:
        _, enc, text = max(candidates)
        warnings.warn(f"{name}: not UTF-8, decoded as {enc}", EncodingWarning_, stacklevel=2)
        return text
    raise InputError(f"{name}: not UTF-8 text (nor Shift_JIS / EUC-JP); pass --encoding to say which")


def _japanese_score(text: str) -> float | None:
    """How Japanese a decoding reads: the share of kana and common kanji, None when it is not
    Japanese at all. Half-width katakana and rare symbols are what a wrong guess produces."""
    if not text:
        return None
    kana = sum(1 for c in text if "\u3040" <= c <= "\u30ff")
    kanji = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    odd = sum(1 for c in text if "\uff61" <= c <= "\uff9f" or unicodedata.category(c) in ("Co", "Cn", "Cc")
              and c not in "\n\r\t")
    if kana + kanji < max(1, len(text) // 20) or odd > len(text) // 50:
        return None
    return (2 * kana + kanji - 4 * odd) / len(text)


def looks_like_html(text: str) -> bool:
    """True for a web page or a fragment of one (``<p>``, ``<br>``, ``<div …>``, ``</p>``, a doctype)."""
    return _HTML_HINT.search(text) is not None


def strip_html(text: str) -> str:
    """The text of an HTML page: scripts, styles and comments dropped, block tags as line breaks,
    other tags removed, character references decoded. Never rendered, never run."""
    text = _HTML_DROP.sub("", text)
    text = _HTML_BREAK.sub("\n", text)
    text = _HTML_TAG.sub("", text)
    return html.unescape(text)


def clean_text(text: str) -> str:
    """Newlines to LF, HTML markup stripped if the text looks like a page, control characters and
    lone surrogates removed. Offsets are defined on this text."""
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        text = strip_html(text).replace("\r\n", "\n").replace("\r", "\n")
        text = _SURROGATE.sub("\ufffd", text)
    return _CONTROL.sub("", text)


def parse_date_line(line: str) -> str | None:
    m = _DATE_LINE.match(unicodedata.normalize("NFKC", line))
    if not m:
        return None
    y = m.group("y") or m.group("y2") or m.group("y3")
    mo = m.group("m") or m.group("m2") or m.group("m3")
    d = m.group("d") or m.group("d2") or m.group("d3")
    try:
        import datetime as _dt

        return _dt.date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return None


def _is_headline(line: str) -> bool:
    """A headline is short and ends without a sentence's stop; a line that is all one quote
    (「…」) is a remark, not a headline."""
    return len(line) <= HEADLINE_MAX and not line.endswith(("。", ".", "！", "？", "!", "?")) \
        and not (line.startswith("「") and line.endswith("」"))


def make_article(text: str, *, id: str, source: str, date: str | None = None,
                 title: str | None = None, url: str | None = None) -> Article:
    """Split a text into segments: a leading date line, headings, paragraphs, a trailing note."""
    text = clean_text(text)
    segments: list[Segment] = []
    pos = 0
    lines = text.split("\n")
    first_content = True
    for n, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        if first_content:
            first_content = False
            found = parse_date_line(stripped)
            if found:
                date = date or found
                continue
        lead = stripped[0]
        if lead in NOTE_MARKERS:
            continue  # a photo or editor's note, not news
        heading = lead in HEADING_MARKERS and not stripped.startswith("・")
        # the article's headline: a first line that is no sentence (no 。 at its end), with the body after it
        heading = heading or (not segments and _is_headline(stripped) and any(x.strip() for x in lines[n + 1:]))
        segments.extend(Segment(a, b, heading) for a, b in bounded_spans(text, start, end))
    if title is None:
        title = next((text[s.start:s.end].strip() for s in segments if s.heading), None)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(id=id, text=text, source=source, sha256=sha, date=date, title=title, url=url,
                   segments=tuple(segments))


def bounded_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A line as one span, or, when it holds a sentence longer than MAX_SENTENCE, as spans that
    keep every ordinary sentence whole and cut each long one at a comma or space (else anywhere)."""
    if end - start <= MAX_SENTENCE:
        return [(start, end)]
    from .nlp import split_sentences  # the splitter GiNZA's input goes through; spaCy is not imported

    sentences = split_sentences(text[start:end])
    if all(b - a <= MAX_SENTENCE for a, b in sentences):
        return [(start, end)]
    spans: list[tuple[int, int]] = []
    run: tuple[int, int] | None = None
    for a, b in sentences:
        a, b = start + a, start + b
        if b - a <= MAX_SENTENCE:
            run = (run[0] if run else a, b)
            continue
        if run:
            spans.append(run)
            run = None
        spans.extend(_cut(text, a, b))
    if run:
        spans.append(run)
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _cut(text: str, a: int, b: int) -> list[tuple[int, int]]:
    pieces = []
    while b - a > MAX_SENTENCE:
        window = text[a:a + MAX_SENTENCE]
        cut = max(window.rfind(ch) for ch in _SOFT_BREAKS) + 1
        if cut <= MAX_SENTENCE // 2:
            cut = MAX_SENTENCE
            # keep a combining mark, a variation selector or a joined emoji with its base character
            while cut > 1 and (unicodedata.category(text[a + cut]) in ("Mn", "Mc", "Me")
                               or "\u200d" in text[a + cut - 1:a + cut + 1]):
                cut -= 1
        pieces.append((a, a + cut))
        a += cut
    pieces.append((a, b))
    return pieces


def display_name(path: str | Path) -> str:
    """A path as text that can always be printed and written (undecodable bytes shown as U+FFFD)."""
    return _SURROGATE.sub("\ufffd", os.fspath(path))


def article_id_for(path: Path) -> str:
    stem = unicodedata.normalize("NFKC", display_name(path.stem))
    slug = re.sub(r"[^\w\-.]+", "-", stem).strip("-")
    return slug or hashlib.sha256(display_name(path).encode("utf-8")).hexdigest()[:12]


def _read_bytes(path: Path, name: str, limit: int | None) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{name}: not a regular file")
        if limit is not None and info.st_size > limit:
            raise InputError(f"{name}: too large for one article ({info.st_size / 1e6:.1f} MB; "
                             f"the limit is {limit / 1e6:.0f} MB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read: {e.strerror}") from None


def read_text_file(path: Path, *, encoding: str | None = None) -> Article:
    """One article from a text file. Raises InputError naming the file when it is unusable."""
    name = display_name(path)
    text = decode(_read_bytes(path, name, MAX_FILE_BYTES), name, encoding)
    if not text.strip():
        raise InputError(f"{name}: empty file (no text)")
    article = make_article(text, id=article_id_for(path), source=name)
    if not article.segments:
        raise InputError(f"{name}: no article text after the date line")
    return article


def read_jsonl(path: Path, *, encoding: str | None = None,
               on_bad: Callable[[InputError], None] | None = None) -> Iterator[Article]:
    """One article per line: {"id", "text"} required; "date", "title", "url" optional (strings).

    A bad line raises InputError naming ``file:line``; with ``on_bad`` it is passed there and
    skipped instead. Lines are read one at a time."""
    name = display_name(path)
    try:
        f = path.open("rb")
    except OSError as e:
        raise InputError(f"{name}: cannot read: {e.strerror or e}") from None
    with f:
        head = f.read(4096)
        if b"\x00" in head and not encoding:
            raise InputError(f"{name}: binary file (contains NUL bytes), expected UTF-8 JSON lines")
        f.seek(0)
        for n, raw in enumerate(f, 1):
            try:
                article = _jsonl_article(raw, f"{name}:{n}", n, encoding)
            except InputError as e:
                if on_bad is None:
                    raise
                on_bad(e)
                continue
            if article is not None:
                yield article


def _jsonl_article(raw: bytes, where: str, n: int, encoding: str | None) -> Article | None:
    try:
        line = raw.decode(encoding or "utf-8")
    except (UnicodeError, LookupError) as e:
        raise InputError(f"{where}: cannot decode as {encoding or 'UTF-8'} ({e.__class__.__name__})") from None
    line = line.lstrip("\ufeff")
    if not line.strip():
        return None
    try:
        rec = json.loads(line)
    except (ValueError, RecursionError) as e:  # JSONDecodeError, too-long integers, deep nesting
        msg = e.msg if isinstance(e, json.JSONDecodeError) else e.__class__.__name__
        raise InputError(f"{where}: not valid JSON ({msg})") from None
    if not isinstance(rec, dict):
        raise InputError(f"{where}: expected a JSON object")
    missing = [k for k in ("id", "text") if not isinstance(rec.get(k), str) or not rec[k].strip()]
    if missing:
        raise InputError(f"{where}: missing field {', '.join(missing)}")
    for k in ("id", "text", "date", "title", "url"):
        value = rec.get(k)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(f"{where}: field {k} must be a string, not {type(value).__name__}")
        if _SURROGATE.search(value):
            raise InputError(f"{where}: field {k} has an unpaired surrogate (\\ud800-\\udfff escape)")
    date = parse_date_line(rec["date"]) if rec.get("date") else None
    art_id = re.sub(r"[^\w\-.]+", "-", unicodedata.normalize("NFKC", rec["id"])).strip("-")
    article = make_article(rec["text"], id=art_id or f"line-{n}", source=rec.get("url") or where,
                           date=date, title=rec.get("title"), url=rec.get("url"))
    if not article.segments:
        raise InputError(f"{where}: no article text in field text")
    return article


def collect_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders (recursively, sorted) into input files; refuse missing paths and empty folders."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(q for q in path.rglob("*")
                           if q.is_file() and q.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES)
            if not found:
                raise InputError(f"{display_name(path)}: folder has no .txt or .jsonl articles")
            out.extend(found)
        elif path.exists():
            out.append(path)
        elif any(ch in str(p) for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(str(p)) if Path(m).is_file())
            if not matches:
                raise InputError(f"{display_name(str(p))}: no file matches this pattern")
            out.extend(matches)
        else:
            raise InputError(f"{display_name(path)}: no such file or folder")
    return out


def read_articles(paths: Iterable[str | Path], *, encoding: str | None = None,
                  on_bad: Callable[[InputError], None] | None = None) -> list[Article]:
    """Read every article under the given paths.

    Without ``on_bad`` the first bad article (a file, or a JSONL line) raises InputError; with it,
    each bad one is passed there and left out. A missing path or an empty folder always raises:
    that is a wrong argument, not a bad article."""
    def bad(e: InputError) -> None:
        if on_bad is None:
            raise e
        on_bad(e)

    articles: list[Article] = []
    seen: dict[str, str] = {}
    for path in collect_paths(paths):
        try:
            if path.suffix.lower() in JSONL_SUFFIXES:
                found = list(read_jsonl(path, encoding=encoding, on_bad=on_bad))
            else:
                found = [read_text_file(path, encoding=encoding)]
        except InputError as e:
            bad(e)
            continue
        for a in found:
            if a.id in seen:
                bad(InputError(f"{a.source}: article id {a.id!r} is also used by {seen[a.id]}"))
                continue
            seen[a.id] = a.source
            articles.append(a)
    return articles


def article_from_text(text: str, *, id: str | None = None, date: str | None = None) -> Article:
    """An article from a string (the notebook API)."""
    # make_article cleans the text; cleaning twice could strip markup that was an escaped &lt;p&gt;
    art_id = id or "text-" + hashlib.sha256(clean_text(text).encode("utf-8")).hexdigest()[:12]
    return make_article(text, id=art_id, source=f"<{art_id}>", date=date)


def stdin_article() -> Article:
    data = sys.stdin.buffer.read()
    text = decode(data, "<stdin>")
    if not text.strip():
        raise InputError("<stdin>: empty input")
    return article_from_text(text, id="stdin")
