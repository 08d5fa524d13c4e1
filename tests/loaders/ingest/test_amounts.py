"""Counts, money and dates are found where news writes them and parsed by loaders.numbers."""

from __future__ import annotations

import pytest

from computekg.graph.model import Currency
from computekg.loaders.ingest.amounts import find_dates, find_money, find_quantities


@pytest.mark.parametrize(
    ("text", "value", "unit", "approximate"),
    [("订购了1.6万块", 16_000, "块", False), ("上百台服务器", 100, "台", True), ("近一万张卡", 10_000, "张", True),
     ("数万块⟦P1⟧", 20_000, "块", True), ("50个以上", 50, "个", True), ("bought 10,000 gpus", 10_000, "gpus", False)],
)
def test_quantities(text: str, value: float, unit: str, approximate: bool) -> None:
    (found,) = find_quantities(text)
    assert (found.value.value, found.value.unit, found.value.approximate) == (value, unit, approximate)


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [("超过10亿美元的gpu", 1e9, Currency.USD), ("约合28亿元人民币", 2.8e9, Currency.CNY),
     ("售价为1万美元/块", 1e4, Currency.USD), ("for $4 billion", 4e9, Currency.USD), ("数亿美元", 2e8, Currency.USD)],
)
def test_money(text: str, value: float, currency: Currency) -> None:
    (found,) = find_money(text)
    assert (found.value.value, found.value.currency) == (value, currency)


def test_no_count_inside_a_name_or_a_year() -> None:
    assert find_quantities("⟦P12⟧与2023年的⟦P3⟧") == []


@pytest.mark.parametrize(
    ("text", "article_date", "dates"),
    [("2023年3月,英伟达", None, ["2023-03"]), ("去年9月和今年5月", "2023-07-04", ["2022-09", "2023-05"]),
     ("去年9月", None, []), ("2023年底", None, ["2023-12"]),
     ("in march 2024 and last year", "2024-05", ["2024-03", "2023"]),
     ("2024-01-12", None, ["2024-01-12"]), ("2023年13月", None, [])],
)
def test_dates(text: str, article_date: str | None, dates: list[str]) -> None:
    assert [d.value for d in find_dates(text, article_date)] == dates
