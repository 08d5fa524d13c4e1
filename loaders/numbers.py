"""Parse counts and amounts of money as Chinese and English news write them.

`parse_quantity("1.6万块")` -> 16000 of unit 块; `parse_money("10亿美元")` -> 1e9 USD.
Approximation words (约, 近, 超过, 多, 余, 左右, about, over, more than) set `approximate`.
"""

from __future__ import annotations

import math
import re
import unicodedata

from computekg.graph.model import Currency, Money, Quantity
from computekg.loaders.normalize import to_simplified

__all__ = ["NumberFormatError", "parse_number", "parse_quantity", "parse_money"]


class NumberFormatError(ValueError):
    """The text is not a number this parser understands."""


_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_ENGLISH_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
                   "b": 1e9, "trillion": 1e12}

_APPROX_PREFIX = re.compile(r"^(?:约|大约|近|将近|接近|超过|超|逾|至少|上|达|about|around|approximately|nearly|over|"
                            r"more than|almost|at least|up to|~)\s*", re.IGNORECASE)
_APPROX_SUFFIX = re.compile(r"\s*(?:多|余|左右|以上|上下|\+)$")
_ARABIC = r"\d+(?:\.\d+)?"
_CHINESE_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
_NUMBER = re.compile(
    rf"^(?P<num>{_ARABIC}|[{_CHINESE_NUMERAL}]+)\s*(?P<mult>(?:[十百千万亿]|thousand|million|billion|trillion|"
    rf"bn|mn|k|m|b)*)",
    re.IGNORECASE,
)
_CURRENCIES: list[tuple[str, Currency]] = [
    ("新台币", Currency.TWD), ("港元", Currency.HKD), ("港币", Currency.HKD), ("美金", Currency.USD),
    ("美元", Currency.USD), ("人民币", Currency.CNY), ("欧元", Currency.EUR), ("元", Currency.CNY),
    ("块钱", Currency.CNY), ("us$", Currency.USD), ("usd", Currency.USD), ("dollars", Currency.USD),
    ("dollar", Currency.USD), ("rmb", Currency.CNY), ("cny", Currency.CNY), ("yuan", Currency.CNY),
    ("hk$", Currency.HKD), ("hkd", Currency.HKD), ("eur", Currency.EUR), ("€", Currency.EUR),
    ("$", Currency.USD), ("¥", Currency.CNY), ("￥", Currency.CNY),
]


def _chinese_integer(text: str) -> int:
    """'三十万' -> 300000, '一千二百' -> 1200, '十' -> 10, '二〇二三' -> 2023 (digit by digit)."""
    if all(ch in _DIGITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, wan, section, digit = 0, 0, 0, 0  # 亿-level, 万-level, below-万 and pending digit
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (digit or 1) * _SMALL_UNITS[ch]
            digit = 0
        elif ch == "万":
            wan += (section + digit or 1) * 10_000
            section, digit = 0, 0
        elif ch == "亿":
            total = (total + wan + section + digit or 1) * 100_000_000
            wan, section, digit = 0, 0, 0
        else:
            raise NumberFormatError(f"not a Chinese numeral: {text!r}")
    return total + wan + section + digit


def _multiplier(text: str) -> float:
    factor = 1.0
    for token in re.findall(r"[十百千万亿]|thousand|million|billion|trillion|bn|mn|k|m|b", text, re.IGNORECASE):
        factor *= _SMALL_UNITS.get(token) or _BIG_UNITS.get(token) or _ENGLISH_SCALES[token.lower()]
    return factor


# "上万" / "过万" / "破万" mean "reaching ten thousand": a lower bound, kept as an approximate value.
_REACHING = re.compile(r"^(?:上|过|破)(?=[十百千万亿])")
# "数万" / "几千" / "数十" name a magnitude without a value: a lower bound of 2x is the honest reading.
_SEVERAL = re.compile(r"^(?:数|几)(?=[十百千万亿])")


def parse_number(text: str) -> tuple[float, bool, str]:
    """Parse the leading number of `text`; returns (value, approximate, rest of the text).

    Vague magnitudes are approximate lower bounds: '上万' (reaching ten thousand) is 10,000 and
    '数万' / '几万' (several ten-thousands) is 20,000. Raises `NumberFormatError` when `text`
    does not start with a number.
    """
    original = text
    text = to_simplified(unicodedata.normalize("NFKC", text)).strip()
    approximate = False
    if _REACHING.match(text):
        text, approximate = "一" + text[1:], True
    elif _SEVERAL.match(text):
        text, approximate = "二" + text[1:], True
    prefix = None if approximate else _APPROX_PREFIX.match(text)
    if prefix:
        approximate = True
        text = text[prefix.end():]
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    match = _NUMBER.match(text)
    if not match:
        raise NumberFormatError(f"no number in {original!r}")
    raw = match.group("num")
    try:
        base = float(raw) if raw[0].isdigit() else float(_chinese_integer(raw))
    except OverflowError:
        base = math.inf
    value = base * _multiplier(match.group("mult"))
    if not math.isfinite(value):  # '1' and 400 zeros: no export could write it (JSON, Cypher and RDF have no inf)
        raise NumberFormatError(f"{_shortened(original)!r} is too large a number to record")
    rest = text[match.end():].strip()
    suffix = re.match(r"^(?:多|余|左右|以上|上下|\+)", rest)
    if suffix:
        approximate = True
        rest = rest[suffix.end():].strip()
    rest = _APPROX_SUFFIX.sub("", rest) if rest else rest
    return value, approximate, rest


def _shortened(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def parse_quantity(text: str) -> Quantity:
    """A count with an optional unit word: '10万块', '1.6万张', '2000多台', '8颗', '10,000 GPUs'."""
    value, approximate, rest = parse_number(text)
    unit = rest.split()[0] if rest else None
    if unit and any(unit.lower().startswith(code) for code, _ in _CURRENCIES if code.isascii()):
        raise NumberFormatError(f"{text!r} is an amount of money, not a count")
    return Quantity(value=value, unit=unit, approximate=approximate, text=text)


def parse_money(text: str, *, default_currency: Currency | None = None) -> Money:
    """An amount: '10亿美元', '1.5万美元', '165万元', '$4 billion', 'US$ 10,000'.

    A currency sign before the number ('$', '¥') or a word after it names the currency; without
    one, `default_currency` is used or `NumberFormatError` raised. A trailing '/unit' ('165万/台',
    '1.5万美元/片') makes it a price per unit.
    """
    stripped = to_simplified(unicodedata.normalize("NFKC", text)).strip()
    currency = None
    for code, cur in _CURRENCIES:
        if stripped.lower().startswith(code) and not code.isalpha():
            currency = cur
            stripped = stripped[len(code):].strip()
            break
    value, approximate, rest = parse_number(stripped)
    rest, _, per = rest.partition("/")
    lowered = rest.strip().lower()
    named = next((cur for code, cur in _CURRENCIES if lowered.startswith(code)), None)
    currency = currency or named or default_currency
    if currency is None:
        raise NumberFormatError(f"no currency in {text!r}")
    return Money(value=value, currency=currency, approximate=approximate, per=per.strip() or None, text=text)
