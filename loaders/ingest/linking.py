"""Who an article names: catalog entities by alias, and names the catalog does not know yet.

Catalog names are found by `AliasIndex.find_normalized_mentions` (longest match, word boundaries for Latin
names) on the aligned normalized body, so every mention also knows its span in the original text
and its name as written there. A catalog name that is also an everyday word (a `weak_aliases` entry:
苹果, Arm) counts only where the context makes the entity clear. Names the catalog lacks come from
`discovery` (context: tickers, lists, descriptors, appositions, product codes) and `new_entities`
(company suffixes) and are flagged `new`; they never hide a catalog name they overlap, except a name
that a listed ticker identifies (日月光投控(3711-TW) is ASE, written another way).

A parenthesis right after a name that only repeats it — a ticker, its English or Chinese form — is the
mention's tail: relation patterns read through it ('緯創(3231-TW)旗下緯穎' reads as '緯創旗下緯穎'). English
appositions are left in the text: they state facts of their own, and relations reads each sentence a second
time without them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Mapping
from typing import NamedTuple

from computekg.graph.model import Entity
from computekg.graph.schema import EntityKind, OrgRole
from computekg.loaders.alias_index import AliasIndex, Mention
from computekg.loaders.ingest.aligned import AlignedText
from computekg.loaders.ingest.cues import default_name_cues
from computekg.loaders.ingest.discovery import BARE_COMPANY, Discovery, KnownSpan, discover
from computekg.loaders.ingest.new_entities import chinese_short_form, find_new_organizations, reads_as_chinese_name
from computekg.loaders.normalize import normalize_for_matching

__all__ = ["LinkedMention", "english_short_form", "link_entities", "names_a_firm_after_its_place", "names_its_city"]


class LinkedMention(NamedTuple):
    """One name in the article: its entity (or None when new), where it stands, and how it is written.

    A named tuple: an article names thousands of entities and tuples are the cheapest records to build.
    `tail` is where the text after the name resumes for relation patterns (past a repeating parenthesis).
    """

    entity_id: str | None
    name: str
    kind: EntityKind
    start: int
    end: int
    norm_start: int
    norm_end: int
    roles: frozenset[OrgRole] = frozenset()
    parent: str | None = None
    subkind: str | None = None  # the product or facility kind, when the catalog gives one
    tail: int = -1  # normalized offset past the mention's repeating parenthesis; -1 when it has none
    signal: str | None = None  # how a new name was found: 'suffix', 'ticker', 'list', 'descriptor', …
    generic: bool = False  # a catalog class ('AI chips'), never a party of a relation

    @property
    def new(self) -> bool:
        return self.entity_id is None

    @property
    def key(self) -> str:
        """The catalog id, or the name as written for an entity the catalog does not know."""
        return self.entity_id or self.name

    @property
    def read_end(self) -> int:
        """Where relation patterns go on reading after this name: past its tail, if it has one."""
        return self.tail if self.tail >= 0 else self.norm_end


_new_mention = tuple.__new__  # builds a `LinkedMention` without the Python-level `__new__` of named tuples
_Described = tuple[Entity, frozenset[OrgRole], str | None]
# A weak alias needs another catalog name this close (normalized characters, same sentence) to count once.
_WEAK_CONTEXT = 40
_SENTENCE_MARK = re.compile(r"[。!?;]")
_HAN_AT = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_LEGAL_FORM = r",? (?:inc|corp|corporation|ltd|limited|co|plc|llc|nv|n\.v\.|ag|sa|se|ab)\.?"
# A parenthesis after a name, perhaps after its legal form: ' (NASDAQ: NVDA)', ' Ltd (8035.T)'.
_PARENTHESIS = re.compile(rf"(?:{_LEGAL_FORM})? ?\(([^()⟦⟧]{{1,40}})\)")
# A legal form after an English name, with no parenthesis: 'Nebius Group NV, the …', 'Oracle Corp., which …'.
_LEGAL_FORM_TAIL = re.compile(rf"{_LEGAL_FORM}(?![a-z0-9-])")  # (not "Blue Owl co-CEO")
_TICKER_TEXT = re.compile(r"(?:[a-z]{2,6}\s*:\s*)?(?:\d{4,6}|[a-z][a-z.]{0,5})(?:[-. ][a-z]{1,3})?")
_LATIN_TEXT = re.compile(r"[a-z0-9][a-z0-9 .,&'’-]*")


def _describe(entity: Entity) -> _Described:
    subkind = entity.product_kind or entity.facility_kind
    return entity, frozenset(entity.roles), str(subkind) if subkind else None


def _catalog_mentions(aligned: AlignedText, body: str, index: AliasIndex,
                      entities: Mapping[str, Entity]) -> list[LinkedMention]:
    found: list[LinkedMention] = []
    origin = aligned.origin
    described: dict[str, _Described] = {}  # each entity's fields, once
    weak: list[tuple[int, Mention]] = []
    for mention in index.find_normalized_mentions(aligned.text):
        entry = described.get(mention.entity_id)
        if entry is None:
            entity = entities.get(mention.entity_id)
            if entity is None:
                continue
            entry = described[mention.entity_id] = _describe(entity)
        entity, roles, subkind_name = entry
        start, end = origin[mention.start], origin[mention.end - 1] + 1  # `aligned.original_span`, inlined
        if entity.weak_aliases and index.is_weak(mention.alias):
            weak.append((len(found), mention))
        cut = _maker_prefix(mention.alias, entity, entities) if entity.maker else 0
        if cut:  # '辉达GB300' names NVIDIA and its GB300: the maker is a party the patterns can see
            maker, maker_roles, _ = described.setdefault(entity.maker or "", _describe(entities[entity.maker or ""]))
            middle = origin[mention.start + cut - 1] + 1
            found.append(_new_mention(LinkedMention, (maker.id, body[start:middle], maker.kind, start, middle,
                                                      mention.start, mention.start + cut, maker_roles, maker.parent,
                                                      None, -1, None, False)))
            start = origin[mention.start + cut]
        found.append(_new_mention(LinkedMention, (entity.id, body[start:end], entity.kind, start, end,
                                                  mention.start + cut, mention.end, roles, entity.parent,
                                                  subkind_name, -1, None, entity.generic)))
    if weak:
        alone = [at for at, _ in weak if _weak_alias_stands_alone(aligned.text, found, at, entities)]
        # Once the context makes a weak alias clear, the article means the same entity wherever it writes the
        # name that way ('Lambda, the San Jose-based GPU cloud' … 'Lambda raised $480 million').
        clear = {found[at].name for at in alone if _weak_alias_in_context(aligned.text, found, at)}
        unclear = {at for at, _ in weak} - {at for at in alone if found[at].name in clear}
        found = [m for at, m in enumerate(found) if at not in unclear]
    return found


_MAKER_CUTS: dict[tuple[str, str], int] = {}


def _maker_prefix(alias: str, entity: Entity, entities: Mapping[str, Entity]) -> int:
    """How long the maker's name is at the start of a product's written name ('辉达gb300' -> 2), else 0.

    The product itself keeps at least two characters; a space after the maker's name goes with the maker.
    """
    key = (alias, entity.id)
    cut = _MAKER_CUTS.get(key)
    if cut is None:
        cut = 0
        maker = entities.get(entity.maker or "")
        for name in (maker.all_names() if maker else ()):
            prefix = normalize_for_matching(name)
            if prefix and alias.startswith(prefix) and len(alias) - len(prefix) >= 2 and len(prefix) > cut:
                cut = len(prefix) + (alias[len(prefix)] == " ")
        if len(_MAKER_CUTS) > 65536:
            _MAKER_CUTS.clear()
        _MAKER_CUTS[key] = cut
    return cut


def _weak_alias_stands_alone(text: str, mentions: list[LinkedMention], at: int,
                             entities: Mapping[str, Entity]) -> bool:
    """A weak alias may be the entity only written as the catalog writes it (case included), as a word of its own."""
    mention = mentions[at]
    entity = entities[mention.entity_id or ""]
    if mention.name.isascii() and mention.name not in entity.weak_aliases:
        return False  # 'arm' in running text is a limb; the company is written 'Arm'
    # Not a short Chinese name inside a longer word: '中芯聚源', '其中芯片' ('德州休士顿' is two names).
    end = mention.norm_end
    return not (_HAN_AT.match(text, end) and not default_name_cues().starts_boundary(text, end)
                and not any(other.norm_start == end for other in mentions))


def _weak_alias_in_context(text: str, mentions: list[LinkedMention], at: int) -> bool:
    """Whether another catalog name stands near the weak alias, in the same sentence."""
    mention = mentions[at]
    low, high = max(0, mention.norm_start - _WEAK_CONTEXT), mention.norm_end + _WEAK_CONTEXT
    for other in mentions:
        if other is mention or other.entity_id == mention.entity_id or not low <= other.norm_start < high:
            continue
        between = text[min(other.norm_end, mention.norm_end):max(other.norm_start, mention.norm_start)]
        if not _SENTENCE_MARK.search(between):
            return True
    return False


# A version or edition written right after a catalog product or model ('TPU v7e', 'GLM-4-Plus', 'Gemini Pro'):
# the longer name is another product, never the catalog one (H100 is not H200; a variant is not its base).
_VARIANT_TAIL = re.compile(r"(?: v\d+[a-z]{0,2}|[ -](?:plus|pro|max|mini|ultra|turbo|lite|air|nano|flash|preview|"
                           r"next|ai))(?![a-z0-9])")


def _variants(text: str, body: str, aligned: AlignedText, mentions: list[LinkedMention]) -> list[LinkedMention]:
    """Catalog products and models followed by a version tail become new names of their own."""
    result = []
    for at, mention in enumerate(mentions):
        tail = _VARIANT_TAIL.match(text, mention.norm_end) if mention.kind in _VERSIONED else None
        following = mentions[at + 1].norm_start if at + 1 < len(mentions) else len(text)
        if tail is None or tail.end() > following:
            result.append(mention)
            continue
        start, end = aligned.original_span(mention.norm_start, tail.end())
        result.append(LinkedMention(None, body[start:end], mention.kind, start, end, mention.norm_start, tail.end(),
                                    signal="variant"))
    return result


_VERSIONED = frozenset({EntityKind.PRODUCT, EntityKind.MODEL})


def _discovered_mentions(aligned: AlignedText, body: str, discoveries: list[Discovery],
                         entities: Mapping[str, Entity]) -> list[LinkedMention]:
    found = []
    cues = default_name_cues()
    for discovery in discoveries:
        start, end = aligned.original_span(discovery.start, discovery.end)
        tail = discovery.tail_end if discovery.tail_end is not None else -1
        entity = entities.get(discovery.entity_id) if discovery.entity_id else None
        if entity is not None:
            _, roles, subkind = _describe(entity)
            found.append(LinkedMention(entity.id, body[start:end], entity.kind, start, end, discovery.start,
                                       discovery.end, roles, entity.parent, subkind, tail, discovery.signal))
        else:
            roles = (cues.guess_roles(aligned.text[discovery.start:discovery.end])
                     | cues.guess_roles(cues.without_trade_tail(discovery.described_as), phrase=True)
                     if discovery.kind is EntityKind.ORGANIZATION else frozenset())
            found.append(LinkedMention(None, body[start:end], discovery.kind, start, end, discovery.start,
                                       discovery.end, roles, tail=tail, signal=discovery.signal))
    return found


def _overlaps(mention: LinkedMention, others: list[LinkedMention]) -> bool:
    """Whether `mention` overlaps any of `others`, which are in text order and never overlap each other."""
    at = bisect_left(others, mention.norm_end, key=lambda m: m.norm_start)  # the first one starting at or after its end
    return at > 0 and others[at - 1].norm_end > mention.norm_start


def _with_tails(text: str, mentions: list[LinkedMention]) -> list[LinkedMention]:
    """Give each mention followed by a parenthesis that repeats it (ticker, gloss) or by a legal form its tail;
    a new name glossed by a catalog name ('月之暗面(Moonshot AI)') becomes that entity."""
    result: list[LinkedMention] = []
    dropped: set[int] = set()
    for at, mention in enumerate(mentions):
        if at in dropped:
            continue
        match = _PARENTHESIS.match(text, mention.norm_end)
        if match is None or mention.tail >= 0:
            legal = _LEGAL_FORM_TAIL.match(text, mention.norm_end) if mention.tail < 0 else None
            result.append(mention._replace(tail=legal.end()) if legal else mention)
            continue
        inside = [i for i in range(at + 1, len(mentions))
                  if mentions[i].norm_start >= match.start(1) and mentions[i].norm_end <= match.end(1)]
        contents = match.group(1).strip()
        if len(inside) == 1 and text[mentions[inside[0]].norm_start:mentions[inside[0]].norm_end] == contents:
            inner = mentions[inside[0]]
            if mention.new and not inner.new:
                mention = mention._replace(entity_id=inner.entity_id, kind=inner.kind, roles=inner.roles,
                                           parent=inner.parent, subkind=inner.subkind, signal="gloss")
            elif inner.key != mention.key:
                result.append(mention)
                continue
            dropped.add(inside[0])
            mention = mention._replace(tail=match.end())
        elif not inside and (_TICKER_TEXT.fullmatch(contents) or _LATIN_TEXT.fullmatch(contents)):
            mention = mention._replace(tail=match.end())
        result.append(mention)
    return result


def link_entities(aligned: AlignedText, body: str, index: AliasIndex,
                  entities: Mapping[str, Entity]) -> list[LinkedMention]:
    """Every catalog mention and every name found new in `body` (aligned is `align(body)`), in text order."""
    known = _variants(aligned.text, body, aligned, _catalog_mentions(aligned, body, index, entities))
    discoveries = discover(aligned, body, [KnownSpan(m.norm_start, m.norm_end, m.kind) for m in known], index)
    found = _discovered_mentions(aligned, body, discoveries, entities)
    # Names a listed ticker identifies take over what they cover, and so do centres named after their place
    # and the coded models of a catalog family ('征程6P' over '征程').
    replacing = [m for m in found if not m.new or m.kind is EntityKind.FACILITY or m.signal == "coded-variant"]
    if replacing:
        known = [m for m in known if not _overlaps(m, replacing)]
    mentions = sorted(known + found, key=lambda m: m.norm_start)
    suffixed = []
    starts = [m.norm_start for m in mentions]
    for start, end in find_new_organizations(aligned, body):
        norm_start, norm_end = aligned.normalized_span(start, end)
        found_name = _suffix_find(
            LinkedMention(None, body[start:end], EntityKind.ORGANIZATION, start, end, norm_start, norm_end,
                          default_name_cues().guess_roles(aligned.text[norm_start:norm_end]), signal="suffix"),
            mentions, starts, aligned, body)
        if found_name is not None and names_its_city(aligned.text[found_name.norm_start:found_name.norm_end]):
            # '上海科创基金', '上海国投': the name replaces the place it opens on
            mentions = [m for m in mentions if not (m.kind is EntityKind.PLACE and _overlaps(m, [found_name]))]
            starts = [m.norm_start for m in mentions]
        if found_name is not None and not _overlaps(found_name, mentions):
            suffixed.append(found_name)
    mentions = sorted(mentions + suffixed, key=lambda m: m.norm_start)
    return _with_tails(aligned.text, sorted(mentions + _repeated(aligned, body, mentions), key=lambda m: m.norm_start))


# Funds, banks and brokers carry their city in their name ('上海科创基金'), in matching form.
_CITY_NAMED = ("基金", "银行", "证券", "国投", "大学")


def names_its_city(name: str) -> bool:
    """Whether `name` (in matching form) is a fund, bank, broker or university that carries its city in its name
    ('北京航空航天大学')."""
    return name.endswith(_CITY_NAMED)


def names_a_firm_after_its_place(rest: str) -> bool:
    """Whether `rest`, what follows a catalog place at the start of a name (in matching form), is a company's
    name by its ending: '厦门鹭岑光电' is 鹭岑光电, in Xiamen; '北美云厂商资本开支' names none, what follows the
    place being a descriptor."""
    return reads_as_chinese_name(rest) and not default_name_cues().descriptor_prefix_length(rest)


def _suffix_find(candidate: LinkedMention, mentions: list[LinkedMention], starts: list[int], aligned: AlignedText,
                 body: str) -> LinkedMention | None:
    """A suffix find that opens on a catalog place is the name after it: '厦门鹭岑光电' is 鹭岑光电, in Xiamen.
    One that ends in a bare '公司' right before another name describes that name: it is none. (`starts`: where
    each of `mentions` starts.)"""
    at = bisect_left(starts, candidate.norm_end)
    if aligned.text[candidate.norm_start:candidate.norm_end].endswith(BARE_COMPANY) and at < len(starts) \
            and starts[at] == candidate.norm_end:
        return None  # '端侧大模型公司面壁智能': a descriptor that a name follows, not a name
    at = bisect_left(starts, candidate.norm_start)
    if at == len(mentions) or starts[at] != candidate.norm_start or mentions[at].kind is not EntityKind.PLACE:
        return candidate
    place = mentions[at]
    if place.norm_end >= candidate.norm_end or not names_a_firm_after_its_place(
            aligned.text[place.norm_end:candidate.norm_end]):
        return None
    if names_its_city(aligned.text[candidate.norm_start:candidate.norm_end]):
        return candidate  # the caller lets it replace the place
    start, end = aligned.original_span(place.norm_end, candidate.norm_end)
    return candidate._replace(name=body[start:end], start=start, norm_start=place.norm_end)


_REPEATED_HAN_SHORTEST = 3
_SHORT_NAME_SIGNALS = frozenset({"descriptor", "employer", "ticker", "gloss", "short-form", "apposition"})
# The words after a distinctive first word that a story drops once it has named the firm in full: 'Kestrel
# Semiconductor' is 'Kestrel' from then on, 'Norrvik Compute' 'Norrvik'.
_EN_GENERIC_TAIL = frozenset({
    "semiconductor", "semiconductors", "silicon", "compute", "computing", "cloud", "digital", "capital", "ventures",
    "partners", "systems", "technologies", "technology", "labs", "ai", "inc", "inc.", "llc", "investor", "group",
    "holdings", "networks", "energy", "power", "data", "infrastructure", "robotics", "microsystems", "devices",
    "electronics", "corp", "corp.", "co.", "ltd", "ltd.", "plc", "investments", "fund", "analytics", "photonics",
    "logic", "micro", "semi"})
# First words that are ordinary English and so no name alone ('Industrial AI Cloud' is not 'Industrial').
_EN_ORDINARY_FIRST = frozenset({
    "industrial", "national", "global", "general", "american", "digital", "united", "first", "new", "advanced",
    "applied", "international", "pacific", "atlantic", "northern", "southern", "western", "eastern", "central",
    "open", "smart", "quantum", "blue", "green", "red", "black", "white", "golden", "silver", "royal", "prime",
    "core", "total", "super", "next", "future", "deep", "true", "pure", "high", "data", "cloud", "energy", "power",
    "strategic", "sovereign", "public", "private", "capital", "mobile", "cyber", "micro", "nano", "edge"})


def english_short_form(name: str) -> str | None:
    """An English firm's name without the generic words that end it ('Halden Ridge Data' is 'Halden Ridge',
    'Kestrel Semiconductor' 'Kestrel'): the story's later short form. None when nothing generic ends it, or
    when what is left is one ordinary or short word."""
    words = name.split()
    kept = len(words)
    while kept > 1 and words[kept - 1] in _EN_GENERIC_TAIL:
        kept -= 1
    if kept == len(words) or not words[0].isalpha() or words[0] in _EN_ORDINARY_FIRST \
            or (kept == 1 and len(words[0]) < 4):
        return None
    return " ".join(words[:kept])


def _ends_a_word(text: str, end: int, starts: set[int]) -> bool:
    """Whether what stands at `end` ends the Han word before it: a mark, a digit, a name or a word that no name
    holds ('珩云的', '珩云由', '墨衡2023年', '审视珩云,'), so a short name is not read inside a longer word, nor in a
    product's ('兆瀚RA5900')."""
    return end == len(text) or not (_HAN_AT.match(text, end) or text[end].isascii() and text[end].isalpha()) \
        or default_name_cues().starts_boundary(text, end) or end in starts


def _repeated(aligned: AlignedText, body: str, mentions: list[LinkedMention]) -> list[LinkedMention]:
    """Every other occurrence of a name found new somewhere in the article, where nothing else is named.

    Context introduces a name once ('GPU云端业者晶曜运算'); the article then writes it bare ('晶曜运算的伺服器由
    纬颖供应'), and only the first occurrence had the context that found it.
    """
    text = aligned.text
    first: dict[str, LinkedMention] = {}
    for mention in mentions:
        name = text[mention.norm_start:mention.norm_end]
        short_zh = chinese_short_form(name) if mention.kind is EntityKind.ORGANIZATION else None
        if short_zh is not None:
            first.setdefault(short_zh, mention)  # '墨衡智能' … '墨衡的MH-200已批量供货'
        # A suffix is found wherever it stands; two Han characters are too often a phrase cut short ('上的'),
        # unless what found them named a firm outright ('GPU云服务商珩云', '珩云首席财务官').
        if mention.new and mention.signal != "suffix" and (
                len(name) >= _REPEATED_HAN_SHORTEST or name.isascii()
                or (mention.signal in _SHORT_NAME_SIGNALS and mention.kind is EntityKind.ORGANIZATION)):
            first.setdefault(name, mention)
            short = english_short_form(name) if mention.kind is EntityKind.ORGANIZATION else None
            if short is not None:
                first.setdefault(short, mention)
    repeated: list[LinkedMention] = []
    starts = {m.norm_start for m in mentions}
    for name, found in first.items():
        pattern = re.compile(re.escape(name) if _HAN_AT.match(name) else rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])")
        for match in pattern.finditer(text):
            start, end = aligned.original_span(match.start(), match.end())
            again = found._replace(name=body[start:end], start=start, end=end, norm_start=match.start(),
                                   norm_end=match.end(), tail=-1, signal="repeated")
            if len(name) < _REPEATED_HAN_SHORTEST and not _ends_a_word(text, match.end(), starts):
                continue  # '珩云' in '珩云由…' but not in '启衡量'
            if not _overlaps(again, mentions) and not _overlaps(again, repeated):
                insort(repeated, again, key=lambda m: m.norm_start)
    return repeated
