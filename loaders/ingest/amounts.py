"""Find counts, amounts of money and dates in a sentence (in its normalized matching form).

Recognising *where* a number is belongs here; turning its wording into a value is `loaders.numbers`
(`parse_quantity`, `parse_money`), the same parser the curated fact files go through, so a
candidate's quantity is read exactly as a reviewer's would be. Relative dates (今年, 去年9月,
last year) are resolved against the article's date and dropped when it is unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, TypeVar

from computekg.graph.model import Money, Quantity
from computekg.loaders.numbers import NumberFormatError, parse_money, parse_quantity

__all__ = ["Found", "find_dates", "find_money", "find_quantities"]

T = TypeVar("T")

_APPROX = (r"(?:大约|约|将近|接近|近|超过|超|逾|至少|高达|多达|达|about |around |approximately |nearly |over |"
           r"more than |almost |at least |up to )?")
_NUM = r"\d[\d,]*(?:\.\d+)?"
_ZH_COUNT = rf"(?:{_NUM}\s*[十百千万亿]*|[零〇一二两三四五六七八九十百千]+[万亿]*|[数几上过破][十百千万亿]+)"
_ZH_QUANTITY = re.compile(
    rf"(?<![a-z0-9.⟦]){_APPROX}{_ZH_COUNT}(?:多|余)?\s*(?:块|张|台|颗|片|个|枚|套)(?:以上|左右)?"
)
_EN_UNITS = r"(?:gpus|chips|servers|units|cards|accelerators|processors|machines|wafers|systems|nodes)"
_EN_QUANTITY = re.compile(
    rf"(?<![a-z0-9.$⟦])(?P<num>{_APPROX}{_NUM}(?:\s*(?:thousand|million|k)\b)?)\s+(?:[\w⟦⟧.-]+\s+){{0,2}}?"
    rf"(?:(?P<unit>{_EN_UNITS})\b|⟦P\d+⟧s?(?:\s+(?P<noun>{_EN_UNITS})\b)?)"
)
_ZH_MONEY = re.compile(
    rf"(?<![a-z0-9.⟦]){_APPROX}(?:{_NUM}\s*[十百千万亿]*|[数几][十百千万亿]+)\s*(?:美元|美金|元人民币|人民币|港元|港币|欧元|"
    rf"新台币|元)(?:/[块张台片个颗])?"
)
_EN_MONEY = re.compile(
    rf"(?<![a-z0-9.⟦]){_APPROX}(?:(?:us|hk)?\$\s?{_NUM}(?:\s*(?:thousand|million|billion|trillion|bn|mn|m|b|k)\b)?|"
    rf"{_NUM}\s*(?:thousand|million|billion|trillion)?\s*(?:dollars|usd|yuan|rmb|euros?)\b)"
)
_MONTHS = {name: index for index, names in enumerate(
    ["jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july", "aug august",
     "sep sept september", "oct october", "nov november", "dec december"], start=1) for name in names.split()}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ZH_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*年\s*(?:(?P<m>\d{1,2})\s*月|(?P<end>底|末))?")
_ZH_RELATIVE = re.compile(r"(?P<rel>今年|去年|前年|明年)\s*(?:(?P<m>\d{1,2})\s*月|(?P<end>底|末))?")
_ISO_DATE = re.compile(r"(?<![\d⟦])(?P<y>(?:19|20)\d\d)-(?P<m>\d{2})(?:-(?P<d>\d{2}))?(?!\d)")
_EN_DATE = re.compile(rf"\b(?:(?P<mon>{_MONTH_NAMES})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?|"
                      rf"(?:in|since|by|during|from|until|of)\s+)(?P<y>(?:19|20)\d\d)\b")
_EN_RELATIVE = re.compile(r"\b(?P<rel>last|this|next) year\b")
# Strings without which a pattern above cannot match: most sentences lack them, and a search for them
# costs a fraction of trying the pattern at every position.
_ZH_QUANTITY_NEEDS = re.compile("[块张台颗片个枚套]")
_EN_QUANTITY_NEEDS = re.compile(r"\s")  # a number and its unit word are written apart
_ZH_MONEY_NEEDS = re.compile("[元币金]")
_EN_MONEY_NEEDS = re.compile(r"\$|dollars|usd|yuan|rmb|euro")
_NUMERIC_YEAR = re.compile(r"(?:19|20)\d\d")
_OFFSETS = {"今年": 0, "去年": -1, "前年": -2, "明年": 1, "this": 0, "last": -1, "next": 1}


@dataclass(frozen=True)
class Found(Generic[T]):
    """A value and the span of the wording it was read from."""

    value: T
    start: int
    end: int


def find_quantities(text: str) -> list[Found[Quantity]]:
    """Counts of things ('1.6万块', '上百台', '10,000 GPUs'); values below 2 say nothing and are skipped."""
    found: list[Found[Quantity]] = []
    if _ZH_QUANTITY_NEEDS.search(text):
        for match in _ZH_QUANTITY.finditer(text):
            _add_quantity(found, match.group(), match.start(), match.end())
    if _EN_QUANTITY_NEEDS.search(text):
        for match in _EN_QUANTITY.finditer(text):
            unit = match.group("unit") or match.group("noun") or "units"
            wording = f"{match.group('num')} {unit}"
            _add_quantity(found, wording, match.start(), match.end())
    return sorted(found, key=lambda f: f.start)


def _add_quantity(found: list[Found[Quantity]], wording: str, start: int, end: int) -> None:
    try:
        quantity = parse_quantity(wording.strip())
    except NumberFormatError:
        return
    if wording.endswith(("以上", "左右")):  # '50个以上': the parser reads approximation words only before the unit
        quantity = quantity.model_copy(update={"approximate": True})
    if quantity.value >= 2:
        found.append(Found(quantity, start, end))


def find_money(text: str) -> list[Found[Money]]:
    """Amounts with a currency ('10亿美元', '$4 billion', '3.6万美元/块')."""
    found: list[Found[Money]] = []
    for pattern, needs in ((_ZH_MONEY, _ZH_MONEY_NEEDS), (_EN_MONEY, _EN_MONEY_NEEDS)):
        if not needs.search(text):
            continue
        for match in pattern.finditer(text):
            try:
                found.append(Found(parse_money(match.group().strip()), match.start(), match.end()))
            except NumberFormatError:
                continue
    return sorted(found, key=lambda f: f.start)


def _partial_date(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1900 <= year <= 2099 or (month is not None and not 1 <= month <= 12):
        return None
    if day is not None and not 1 <= day <= 31:
        day = None
    parts = [f"{year:04d}"] + ([f"{month:02d}"] if month else []) + ([f"{day:02d}"] if month and day else [])
    return "-".join(parts)


def _month(match: re.Match[str]) -> int | None:
    if match.group("m"):
        return int(match.group("m"))
    return 12 if match.group("end") else None


def find_dates(text: str, article_date: str | None = None) -> list[Found[str]]:
    """Dates as precise as written ('2023-03', '2021'); relative ones need the article's date."""
    article_year = int(article_date[:4]) if article_date else None
    found: list[Found[str]] = []

    def add(date: str | None, match: re.Match[str]) -> None:
        if date:
            found.append(Found(date, match.start(), match.end()))

    chinese = "年" in text
    numeric = _NUMERIC_YEAR.search(text) is not None
    for match in _ZH_DATE.finditer(text) if chinese else ():
        add(_partial_date(int(match.group("y")), _month(match)), match)
    for match in _ISO_DATE.finditer(text) if numeric else ():
        day = int(match.group("d")) if match.group("d") else None
        add(_partial_date(int(match.group("y")), int(match.group("m")), day), match)
    for match in _EN_DATE.finditer(text) if numeric else ():
        month = _MONTHS.get(match.group("mon") or "")
        add(_partial_date(int(match.group("y")), month), match)
    if article_year is not None:
        for match in _ZH_RELATIVE.finditer(text) if chinese else ():
            add(_partial_date(article_year + _OFFSETS[match.group("rel")], _month(match)), match)
        for match in _EN_RELATIVE.finditer(text) if "year" in text else ():
            add(_partial_date(article_year + _OFFSETS[match.group("rel")]), match)
    return sorted(found, key=lambda f: f.start)
