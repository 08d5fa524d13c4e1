"""Counts and amounts are parsed into numbers the way a Chinese or English reader means them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from computekg.graph.model import Currency
from computekg.loaders.numbers import NumberFormatError, parse_money, parse_quantity


@pytest.mark.parametrize(
    ("text", "value", "unit", "approximate"),
    [
        ("10万块", 100_000, "块", False),
        ("1.6万张", 16_000, "张", False),
        ("2000多台", 2000, "台", True),
        ("8颗", 8, "颗", False),
        ("上萬塊", 10_000, "块", True),
        ("接近10萬塊", 100_000, "块", True),
        ("超过50万张", 500_000, "张", True),
        ("三十万台", 300_000, "台", False),
        ("数千张", 2000, "张", True),
        ("10,000 GPUs", 10_000, "GPUs", False),
    ],
)
def test_quantities(text: str, value: float, unit: str, approximate: bool) -> None:
    quantity = parse_quantity(text)
    assert (quantity.value, quantity.unit, quantity.approximate, quantity.text) == (value, unit, approximate, text)


@pytest.mark.parametrize(
    ("text", "value", "currency", "approximate"),
    [
        ("10亿美元", 1e9, Currency.USD, False),
        ("1.5万美元", 15_000, Currency.USD, False),
        ("165万元", 1.65e6, Currency.CNY, False),
        ("20亿元", 2e9, Currency.CNY, False),
        ("超過10億美元", 1e9, Currency.USD, True),
        ("40亿美元", 4e9, Currency.USD, False),
        ("$4 billion", 4e9, Currency.USD, False),
        ("US$ 10,000", 10_000, Currency.USD, False),
        ("5000万美金", 5e7, Currency.USD, False),
    ],
)
def test_money(text: str, value: float, currency: Currency, approximate: bool) -> None:
    money = parse_money(text)
    assert money.value == pytest.approx(value)
    assert (money.currency, money.approximate) == (currency, approximate)


@pytest.mark.parametrize("text", ["", "许多", "过亿", "GPU"])
def test_not_a_money_amount(text: str) -> None:
    with pytest.raises(NumberFormatError):
        parse_money(text)


def test_amount_is_not_a_count() -> None:
    with pytest.raises(NumberFormatError):
        parse_quantity("$40")


@given(
    base=st.decimals(min_value=1, max_value=9999, places=2).map(lambda d: d.normalize()),
    multiplier=st.sampled_from([("", 1), ("万", 10_000), ("亿", 100_000_000), ("萬", 10_000), ("億", 100_000_000)]),
    currency=st.sampled_from([("美元", Currency.USD), ("元", Currency.CNY), ("人民幣", Currency.CNY)]),
)
def test_generated_amounts_round_trip(
    base: object, multiplier: tuple[str, int], currency: tuple[str, Currency]
) -> None:
    text = f"{base:f}{multiplier[0]}{currency[0]}"
    money = parse_money(text)
    assert money.value == pytest.approx(float(str(base)) * multiplier[1])
    assert money.currency is currency[1]


@given(value=st.integers(min_value=0, max_value=10**12 - 1))
def test_generated_chinese_numerals(value: int) -> None:
    assert parse_quantity(_to_chinese(value) + "块").value == value


def _to_chinese(value: int) -> str:
    """A reference writer of Chinese numerals (independent of the parser) for the property test."""
    digits = "零一二三四五六七八九"
    if value == 0:
        return "零"

    def below_10000(n: int) -> str:
        out, zero = "", False
        for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = n // unit_value % 10
            if d:
                out += ("零" if zero and out else "") + digits[d] + unit
                zero = False
            else:
                zero = True
        return out

    parts = []
    for unit_value, unit in ((10**8, "亿"), (10**4, "万"), (1, "")):
        chunk = value // unit_value % 10**4
        if chunk:
            parts.append(("零" if parts and chunk < 1000 else "") + below_10000(chunk) + unit)
    return "".join(parts)
