import pytest

from kg.dates import parse_amount, parse_time, resolve_date, resolve_range, with_time


@pytest.mark.parametrize("text,ref,value,dtype", [
    ("10月28日", "2025-10-30", "2025-10-28", "date"),
    ("１０月２８日", "2025-10-30", "2025-10-28", "date"),
    ("28日", "2025-10-30", "2025-10-28", "date"),
    ("28日", "2025-11-02", "2025-10-28", "date"),       # well after the article's day: last month
    ("12月30日", "2026-01-05", "2025-12-30", "date"),   # more than a month ahead: last year
    ("先月31日", "2025-11-05", "2025-10-31", "date"),
    ("今年2月", "2025-10-30", "2025-02", "gYearMonth"),
    ("来年4月", "2025-10-30", "2026-04", "gYearMonth"),
    ("2027年度", None, "2027", "gYear"),
    ("令和7年", None, "2025", "gYear"),
    ("平成元年", None, "1989", "gYear"),
    ("2025年10月28日", None, "2025-10-28", "date"),
    ("10/28/2025", None, "2025-10-28", "date"),
    ("十月二十八日", "2025-10-30", "2025-10-28", "date"),
    ("6年前", "2025-10-28", "2019", "gYear"),
    ("約２年前", "2025-10-28", "2023", "gYear"),
    ("3か月後", "2025-10-28", "2026-01", "gYearMonth"),
    ("10日前", "2025-10-28", "2025-10-18", "date"),
    ("６年前以来", "2025-10-28", "2019", "gYear"),
])
def test_resolve_date(text, ref, value, dtype):
    d = resolve_date(text, ref)
    assert (d.value, d.datatype, d.text) == (value, dtype, text)


@pytest.mark.parametrize("text", ["28日", "来月"])
def test_relative_date_without_article_date_is_none(text):
    assert resolve_date(text, None) is None


def test_impossible_date_is_none():
    assert resolve_date("2月30日", "2025-03-01") is None


@pytest.mark.parametrize("text,expected", [
    ("4,000億ドル", ("400000000000", "ドル")),
    ("4.7兆円", ("4700000000000", "円")),
    ("2%", ("2", "%")),
    ("１０万台", ("100000", "台")),
    ("数百億ドル規模", None),
])
def test_parse_amount(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text,ref,start,end", [
    ("30日から11月1日", "2025-10-28", "2025-10-30", "2025-11-01"),
    ("３０日から１１月１日まで", "2025-10-28", "2025-10-30", "2025-11-01"),
    ("2025年12月30日から1月3日", None, "2025-12-30", "2026-01-03"),   # into the next year
    ("4月から6月", "2025-10-28", "2025-04", "2025-06"),
])
def test_resolve_range(text, ref, start, end):
    a, b = resolve_range(text, ref)
    assert (a.value, b.value) == (start, end)


@pytest.mark.parametrize("text", ["28日", "から", "30日から"])
def test_not_a_range(text):
    assert resolve_range(text, "2025-10-28") is None


@pytest.mark.parametrize("text,value", [
    ("午後4時10分ごろ", "16:10"), ("午前８時２５分", "08:25"), ("午後3時半", "15:30"), ("午前0時", "00:00"),
    ("正午", None), ("25時", None), ("午後4時70分", None),
])
def test_parse_time(text, value):
    assert parse_time(text) == value


def test_a_day_with_its_time_is_a_date_time_in_japan_time():
    d = with_time(resolve_date("1日", "2024-01-02"), "16:10")
    assert (d.value, d.datatype) == ("2024-01-01T16:10:00+09:00", "dateTime")
    # a month has no time of day
    m = resolve_date("来年4月", "2025-10-30")
    assert with_time(m, "16:10") == m
