"""Dates and amounts in Japanese news → typed values, relative ones resolved against the article date.

>>> resolve_date("10月28日", "2025-10-30").value
'2025-10-28'
>>> resolve_date("令和7年", None).value
'2025'
>>> parse_amount("4,000億ドル")
('400000000000', 'ドル')
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .types import DateValue

_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
_UNITS = {"万": 10**4, "億": 10**8, "兆": 10**12}


def kanji_to_digits(text: str) -> str:
    """十/百 are read in simple forms (十二 → 12, 二十 → 20); other digits one by one."""
    def repl(m: re.Match) -> str:
        s = m.group(0)
        if "十" in s:
            a, _, b = s.partition("十")
            return str((_KANJI_DIGITS.get(a, 1) if a else 1) * 10 + (_KANJI_DIGITS.get(b, 0) if b else 0))
        return "".join(str(_KANJI_DIGITS[c]) for c in s)
    return re.sub(r"[〇一二三四五六七八九十]+(?=[年月日])", repl, text)


def _norm(text: str) -> str:
    return kanji_to_digits(unicodedata.normalize("NFKC", text)).replace(" ", "")


def resolve_date(text: str, article_date: str | None) -> DateValue | None:
    """A date expression → DateValue (xsd:date, gYearMonth or gYear); None when it is not a date."""
    t = _norm(text)
    ref = dt.date.fromisoformat(article_date) if article_date else None
    for era, base in _ERAS.items():
        t = re.sub(era + r"(\d{1,2}|元)年", lambda m: f"{base + (1 if m.group(1) == '元' else int(m.group(1)))}年", t)
    m = re.search(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})", t) or re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", t)
    if m:
        g = m.groups()
        y, mo, d = (g[0], g[1], g[2]) if len(g[0]) == 4 else (g[2], g[0], g[1])
        return _make(int(y), int(mo), int(d), text)
    m = re.search(r"(\d{4})年度", t)
    if m:
        return DateValue(m.group(1), "gYear", text)
    m = re.fullmatch(r"(?:約|およそ)?(\d{1,4})(年|か月|カ月|ヶ月|ケ月|日)(前|後)(?:以来|ごろ|頃|まで|に)?", t.strip())
    if m and ref:  # 6年前, 3か月後, 10日前: counted from the article's date
        n, unit, way = int(m.group(1)), m.group(2), -1 if m.group(3) == "前" else 1
        if unit == "年":
            year = ref.year + way * n
            return DateValue(f"{year:04d}", "gYear", text) if 1 <= year <= 9999 else None
        if unit == "日":
            try:
                return DateValue((ref + dt.timedelta(days=way * n)).isoformat(), "date", text)
            except OverflowError:
                return None
        k = ref.year * 12 + ref.month - 1 + way * n
        return DateValue(f"{k // 12:04d}-{k % 12 + 1:02d}", "gYearMonth", text) if 1 <= k // 12 <= 9999 else None
    m = re.search(r"(?:(\d{4})年|(今年|昨年|去年|来年))?(?:(\d{1,2})月|(今月|先月|来月))?(?:(\d{1,2})日)?", t)
    if not m or not any(m.groups()):
        return None
    y_abs, y_rel, mo_abs, mo_rel, d = m.groups()
    year = int(y_abs) if y_abs else None
    if y_rel and ref:
        year = ref.year + {"今年": 0, "昨年": -1, "去年": -1, "来年": 1}[y_rel]
    month = int(mo_abs) if mo_abs else None
    if mo_rel and ref:
        shift = {"今月": 0, "先月": -1, "来月": 1}[mo_rel]
        k = ref.year * 12 + ref.month - 1 + shift
        year, month = k // 12, k % 12 + 1
    day = int(d) if d else None
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None  # 13月5日 is no date
    if year is None and ref:
        if month is None:
            if day is None:
                return None
            month = ref.month
            if day > ref.day + 7:  # 28日 written on the 2nd: last month
                k = ref.year * 12 + ref.month - 2
                year, month = k // 12, k % 12 + 1
            else:
                year = ref.year
        else:
            year = ref.year
            if dt.date(ref.year, month, 1) > ref + dt.timedelta(days=31):
                year -= 1
    if year is None or not 1 <= year <= 9999 or (month is not None and not 1 <= month <= 12) \
            or (day is not None and not 1 <= day <= 31):
        return None
    if month is None:
        return DateValue(f"{year:04d}", "gYear", text)
    if day is None:
        return DateValue(f"{year:04d}-{month:02d}", "gYearMonth", text)
    return _make(year, month, day, text)


def resolve_range(text: str, article_date: str | None) -> tuple[DateValue, DateValue] | None:
    """'30日から11月1日' → (start, end); the end borrows the start's year and month when it gives
    none. None when the text is not a range of two dates.

    >>> [d.value for d in resolve_range("10月30日から11月1日まで", "2025-10-28")]
    ['2025-10-30', '2025-11-01']
    >>> [d.value for d in resolve_range("2025年12月30日から1月3日", "2025-10-28")]
    ['2025-12-30', '2026-01-03']
    """
    parts = re.split(r"から|～|〜", unicodedata.normalize("NFKC", text), maxsplit=1)
    if len(parts) != 2 or not parts[1].strip():
        return None
    start = resolve_date(parts[0], article_date)
    right = re.sub(r"(まで|にかけて)$", "", parts[1].strip())
    if start is None or not right:
        return None
    end = resolve_date(right, start.value[:10] if start.datatype == "date" else article_date)
    if end is None:
        return None
    value = end.value
    if value < start.value[:len(value)] and not re.search(r"\d{4}年|令和|平成|昭和", right):
        value = f"{int(value[:4]) + 1:04d}{value[4:]}"  # 12月30日から1月3日: into the next year
    return start, DateValue(value, end.datatype, right)


def parse_time(text: str) -> str | None:
    """A time of day → 'HH:MM' (24-hour). '午後4時10分ごろ' → '16:10'; '午前0時' → '00:00';
    None when it is not one.

    >>> parse_time("午後4時10分ごろ")
    '16:10'
    >>> parse_time("午前８時２５分")
    '08:25'
    """
    t = _norm(text)
    m = re.search(r"(午前|午後)?(\d{1,2})時(?:(\d{1,2})分|(半))?", t)
    if not m:
        return None
    hour, minute = int(m.group(2)), int(m.group(3) or (30 if m.group(4) else 0))
    if m.group(1) == "午後" and hour < 12:
        hour += 12
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return f"{hour:02d}:{minute:02d}"


def with_time(date: DateValue, time: str | None) -> DateValue:
    """A day and a time of day → one xsd:dateTime (Japanese news times are Japan time, +09:00)."""
    if time is None or date.datatype != "date":
        return date
    return DateValue(f"{date.value}T{time}:00+09:00", "dateTime", date.text)


def _make(y: int, mo: int, d: int, text: str) -> DateValue | None:
    try:
        return DateValue(dt.date(y, mo, d).isoformat(), "date", text)
    except ValueError:
        return None


def parse_amount(text: str) -> tuple[str, str] | None:
    """'4,000億ドル' → ('400000000000', 'ドル'); '2%' → ('2', '%'); None when there is no number."""
    t = _norm(text).replace(",", "")
    m = re.search(r"(\d+(?:\.\d+)?)((?:[万億兆])*)(.*)$", t)
    if not m:
        return None
    try:
        value = Decimal(m.group(1))
    except InvalidOperation:
        return None
    for ch in m.group(2):
        value *= _UNITS[ch]
    unit = m.group(3).strip() or ""
    unit = re.sub(r"(規模|程度|余り|超|以上|相当|級)$", "", unit)
    return format(value.normalize(), "f"), unit
