import pytest

from kg.dates import parse_amount, resolve_date


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
