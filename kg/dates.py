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
