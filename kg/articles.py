"""Reading inputs: .txt files, folders of them, JSONL; encodings; the date line; headings."""
from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .types import Article, Segment

HEADING_MARKERS = "▪■□◆◇●○◎★☆▼▽▶►◉・"
NOTE_MARKERS = "✳✴※＊*"
_DATE_LINE = re.compile(
    r"^\s*(?:(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})"
    r"|(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})"
    r"|(?P<y3>\d{4})年(?P<m3>\d{1,2})月(?P<d3>\d{1,2})日)\s*$"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAG = re.compile(r"<[^<>]{0,500}>")
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")


class EncodingWarning_(UserWarning):
    """The input was not UTF-8 and was decoded with another encoding."""


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode bytes: UTF-8 (with or without BOM), else Shift_JIS / EUC-JP with a warning."""
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as e:
            raise InputError(f"{name}: cannot decode as {encoding}: {e.__class__.__name__}") from None
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: binary file (contains NUL bytes), expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for enc in ("cp932", "euc_jp"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_japanese(text):
            warnings.warn(f"{name}: not UTF-8, decoded as {enc}", EncodingWarning_, stacklevel=2)
            return text
    raise InputError(f"{name}: not UTF-8 text (nor Shift_JIS / EUC-JP); pass --encoding to say which")


def _looks_japanese(text: str) -> bool:
    if not text:
        return False
    jp = sum(1 for c in text if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff")
    bad = sum(1 for c in text if unicodedata.category(c) in ("Co", "Cn", "Cc") and c not in "\n\r\t")
    return jp >= max(1, len(text) // 20) and bad == 0


def clean_text(text: str) -> str:
    """Newlines to LF, control characters removed. Offsets are defined on this text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
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


def make_article(text: str, *, id: str, source: str, date: str | None = None,
                 title: str | None = None, url: str | None = None) -> Article:
    """Split a text into segments: a leading date line, headings, paragraphs, a trailing note."""
    text = clean_text(text)
    segments: list[Segment] = []
    pos = 0
    lines = text.split("\n")
    first_content = True
    for line in lines:
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
        segments.append(Segment(start, end, heading))
    if title is None:
        title = next((text[s.start:s.end].strip() for s in segments if s.heading), None)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(id=id, text=text, source=source, sha256=sha, date=date, title=title, url=url,
                   segments=tuple(segments))


def article_id_for(path: Path) -> str:
    stem = unicodedata.normalize("NFKC", path.stem)
    slug = re.sub(r"[^\w\-.]+", "-", stem).strip("-")
    return slug or hashlib.sha256(str(path).encode()).hexdigest()[:12]


def read_text_file(path: Path, *, encoding: str | None = None) -> Article:
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read: {e.strerror}") from None
    text = decode(data, name, encoding)
    if not text.strip():
        raise InputError(f"{name}: empty file (no text)")
    article = make_article(text, id=article_id_for(path), source=name)
    if not article.segments:
        raise InputError(f"{name}: no article text after the date line")
    return article


def read_jsonl(path: Path) -> Iterator[Article]:
    """One article per line: {"id", "text"} required; "date", "title", "url" optional."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"{name}: cannot read: {e.strerror}") from None
    text = decode(raw, name)
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{where}: not valid JSON ({e.msg})") from None
        if not isinstance(rec, dict):
            raise InputError(f"{where}: expected a JSON object")
        missing = [k for k in ("id", "text") if not isinstance(rec.get(k), str) or not rec.get(k).strip()]
        if missing:
            raise InputError(f"{where}: missing field {', '.join(missing)}")
        body = rec["text"]
        try:
            body.encode("utf-8")
            str(rec["id"]).encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(f"{where}: text has an unpaired surrogate") from None
        date = parse_date_line(rec["date"]) if isinstance(rec.get("date"), str) else None
        art_id = re.sub(r"[^\w\-.]+", "-", unicodedata.normalize("NFKC", rec["id"])).strip("-")
        article = make_article(body, id=art_id or f"line-{n}", source=rec.get("url") or where,
                               date=date, title=rec.get("title"), url=rec.get("url"))
        if article.segments:
            yield article


def collect_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders (recursively, sorted) into input files; refuse missing paths and empty folders."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(q for q in path.rglob("*")
                           if q.is_file() and q.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES)
            if not found:
                raise InputError(f"{path}: folder has no .txt or .jsonl articles")
            out.extend(found)
        elif path.exists():
            out.append(path)
        elif any(ch in str(p) for ch in "*?["):
            matches = sorted(Path().glob(str(p)))
            if not matches:
                raise InputError(f"{p}: no file matches this pattern")
            out.extend(matches)
        else:
            raise InputError(f"{path}: no such file or folder")
    return out


def read_articles(paths: Iterable[str | Path], *, encoding: str | None = None) -> list[Article]:
    """Read every article under the given paths. Raises InputError on the first bad one."""
    articles: list[Article] = []
    for path in collect_paths(paths):
        if path.suffix.lower() in JSONL_SUFFIXES:
            articles.extend(read_jsonl(path))
        else:
            articles.append(read_text_file(path, encoding=encoding))
    seen: dict[str, str] = {}
    for a in articles:
        if a.id in seen and seen[a.id] != a.source:
            raise InputError(f"{a.source}: article id {a.id!r} is also used by {seen[a.id]}")
        seen[a.id] = a.source
    return articles


def article_from_text(text: str, *, id: str | None = None, date: str | None = None) -> Article:
    """An article from a string (the notebook API)."""
    text = clean_text(text)
    art_id = id or "text-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return make_article(text, id=art_id, source=f"<{art_id}>", date=date)


def stdin_article() -> Article:
    data = sys.stdin.buffer.read()
    text = decode(data, "<stdin>")
    if not text.strip():
        raise InputError("<stdin>: empty input")
    return article_from_text(text, id="stdin")
