"""Read relation candidates out of one sentence with the cue lexicon's patterns.

The sentence is put in its matching form and every linked name replaced by a placeholder of its
kind (⟦O3⟧ is the fourth name, an organization), so a pattern says "an organization, a few words,
向, an organization, an ordering verb" in any script. A match binds names to the subject and object
groups; lists joined by 、/和/and extend a group to every name of the list. Each pair is then checked
against the rule's constraints and the schema's endpoint kinds (`ENDPOINT_KINDS`), and decorated
with the quantity, amount, date and status its clause states.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product as cartesian
from typing import NamedTuple

from computekg.graph.model import Money, Quantity
from computekg.graph.schema import ENDPOINT_KINDS, EntityKind, FactStatus, OrgRole, RelType
from computekg.loaders.ingest.aligned import AlignedText
from computekg.loaders.ingest.amounts import Found, find_dates, find_money, find_quantities
from computekg.loaders.ingest.candidate import Candidate
from computekg.loaders.ingest.cues import KIND_LETTERS, CompiledLexicon, CompiledRule
from computekg.loaders.ingest.linking import LinkedMention
from computekg.loaders.ingest.pattern_literals import may_match
from computekg.loaders.ingest.sentences import Sentence
from computekg.loaders.normalize import normalize_for_matching

__all__ = ["SentenceContext", "sentence_candidates"]

# A comma joins a list only in English (', ' with its space): after Chinese it ends a clause.
_COORDINATOR = (r"(?:、|和|与|及|以及|或|跟|, |/|&| and | or |, and | & |,? as well as | and by | and from | and to "
                r"|以及)\s*")
# For each kind: a name of that kind listed after a name ('、B'), and one listed before it ('A和').
# A name after an English list word may carry a descriptor ('and chip designer Sophgo'); a name followed
# by 's is an owner, not a list item ('HiSilicon, Huawei's chip unit').
_NOT_LISTED_AFTER = r"(?!'s|’s| (?:said|says|reported|reports|told|wrote))"
# A Chinese list's last name may carry a place and a descriptor ('和上海的算力服务商启衡数科', '及本地企业X'), or a
# place alone ('及以色列的Hailo', '和中国台湾的晶心科技').
_ZH_LISTED_DESCRIPTOR = (r"(?<=[和与及、])(?:(?:(?:⟦G\d+⟧){1,2}的?)?[^⟦⟧,。、的与和及]{0,8}?"
                         r"(?:企业|公司|厂商|服务商|供应商|运营商|业者|新创|初创|厂|机构)|(?:⟦G\d+⟧){1,2}的?)")
# Organizations listed with a product each ('为超微MI350系列与英特尔Gaudi 3供应'): the product is passed over.
_OWN_PRODUCT = r"(?:\s?⟦P\d+⟧(?:系列|家族|平台)?)?"
# A listed firm named with its parent ('红杉中国、杭州资本以及联想集团旗下的联想创投'): the parent is passed over.
_ZH_LISTED_PARENT = r"(?:⟦O(\d+)⟧(?:旗下的?|的子公司))?"
# The descriptor words an English list item may carry: no verbs or clause words ('and had signed X',
# 'and which X' start a clause, not a list item).
_EN_LISTED_DESCRIPTOR = (r"(?<=and )(?:(?!(?:which|who|that|had|has|have|was|were|is|are|will|would|said|says|"
                         r"signed|also|then|its|their|it|they)\b)[a-z-]+ ){0,2}")
_LISTED = {kind: (re.compile((_OWN_PRODUCT if kind is EntityKind.ORGANIZATION else "") + _COORDINATOR
                             + rf"(?:{_EN_LISTED_DESCRIPTOR}|{_ZH_LISTED_DESCRIPTOR})?⟦{letter}(\d+)⟧"
                             + _NOT_LISTED_AFTER),
                  re.compile(rf"⟦{letter}(\d+)⟧" + _COORDINATOR + rf"(?:{_EN_LISTED_DESCRIPTOR})?"
                             + (_ZH_LISTED_PARENT if kind is EntityKind.ORGANIZATION else "") + "$"))
           for kind, letter in KIND_LETTERS.items()}
_PLACEHOLDER = re.compile(r"⟦[A-Z](\d+)⟧")
_CLAUSE_END = re.compile(r"[。;:!?]|,(?!\d{3}(?!\d)|\d+\))")  # not the comma of 2,048 or of (M31,6643)
# Descriptor words that do not make a product name specific ('AI芯片' describes, 'Athena' names).
_DESCRIPTOR_TOKENS = re.compile(r"ai|gpu|cpu|npu|tpu|asic|hbm")
_QUANTITY_TYPES = {RelType.SUPPLIES, RelType.PURCHASED, RelType.USES, RelType.TRAINED_ON, RelType.DISTRIBUTES,
                   RelType.PROVIDES_COMPUTE_TO, RelType.INTEGRATES}
_MONEY_TYPES = {RelType.SUPPLIES, RelType.PURCHASED, RelType.INVESTS_IN, RelType.PROVIDES_COMPUTE_TO}
_PRODUCT_TYPES = {RelType.SUPPLIES, RelType.PROVIDES_COMPUTE_TO}
_SAME_KIND_TYPES = {RelType.COMPETES_WITH}
_HEDGE_FACTOR = 0.8


@dataclass(frozen=True)
class SentenceContext:
    """What rules need besides the sentence: the article and its aligned form."""

    article_id: str
    article_date: str | None
    aligned: AlignedText


class _Template(NamedTuple):
    text: str
    slots: list[LinkedMention]  # the mention behind placeholder number i
    spans: list[tuple[int, int]]  # where placeholder number i stands in `text`


def _is_descriptor(mention: LinkedMention) -> bool:
    latin = _DESCRIPTOR_TOKENS.sub("", normalize_for_matching(mention.name))
    return not any(ch.isascii() and ch.isalnum() for ch in latin)


def _named(mentions: list[LinkedMention]) -> list[LinkedMention]:
    """Drop a descriptor written right against the name it describes ('AI芯片Athena', '智驾公司元戎启行')."""
    dropped: set[int] = set()
    for index in range(len(mentions) - 1):
        first, second = mentions[index], mentions[index + 1]
        if first.norm_end != second.norm_start or first.kind is not second.kind:
            continue
        if first.kind is EntityKind.ORGANIZATION and first.new != second.new:
            dropped.add(index if first.new else index + 1)
        elif first.kind is EntityKind.PRODUCT:
            if _is_descriptor(first) and not _is_descriptor(second):
                dropped.add(index)
            elif _is_descriptor(second) and not _is_descriptor(first):
                dropped.add(index + 1)
    return [m for i, m in enumerate(mentions) if i not in dropped]


def _template(aligned: AlignedText, start: int, end: int, mentions: list[LinkedMention]) -> _Template:
    pieces: list[str] = []
    slots = _named(mentions)
    spans: list[tuple[int, int]] = []
    cursor = start
    length = 0
    for number, mention in enumerate(slots):
        gap = aligned.text[cursor:mention.norm_start]
        placeholder = _placeholder(mention.kind, number)
        pieces.append(gap)
        pieces.append(placeholder)
        length += len(gap)
        spans.append((length, length + len(placeholder)))
        length += len(placeholder)
        cursor = max(cursor, mention.read_end)
    pieces.append(aligned.text[cursor:end])
    return _Template("".join(pieces), slots, spans)


# What a second, plainer reading of a sentence leaves out, so patterns meet subject, verb and object side by
# side: an apposition after a name (', a New York-based GPU cloud,', ', OpenAI's largest backer,'), the comma
# of a relative clause (', which also rents' reads 'also rents'), a possessive owner before a product
# ("Google's TPUs" reads 'TPUs', '英伟达的H20' reads 'H20'), and a speaker's frame ('美光则表示,已开始'
# reads '美光已开始'). The full reading still sees them all: appositions state facts of their own.
_REDUCIBLE = re.compile(r"⟧(?:, |'s |’s |-based |(?:的| )?⟦|旗下"
                        r"|的?(?:首席执行官|执行长|总裁|董事长|创始人|总经理|ceo|chief)"
                        r"|[^⟦⟧,。]{0,3}(?:表示|称|指出|透露|强调|说),"
                        r"| (?:said|says|announced|confirmed|disclosed|told) )"
                        r"|[a-z], [a-z]+ing ")
_REDUCTIONS = (
    (re.compile(r"(?<=⟧), (?:a|an|the|its|their|one of) [^,;!?⟦⟧]{0,80}?(?:⟦[^⟧]+⟧[^,;!?⟦⟧]{0,60}?)*, "), " "),
    (re.compile(r"(?<=⟧), (?:issued|released|published|announced|drafted|signed|led|founded|backed|owned|run|"
                r"based|headquartered|made|built|designed) (?:by|in|at) [^,;!?]{1,60}?, "), " "),
    (re.compile(r"(?<=[a-z]), (?=[a-z]+ing )"), " "),  # 'runs a cloud, renting H100s to…': one subject
    (re.compile(r"(?<=⟧), ⟦O\d+⟧(?:'s|’s) [^,;!?⟦⟧]{1,60}?, "), " "),
    (re.compile(r"(?<=⟧), (?:based|headquartered|located|founded) in ⟦G\d+⟧(?:, ⟦G\d+⟧)?, "), " "),
    (re.compile(r"(?<=⟧), (?:which|who|that) "), " "),
    (re.compile(r"⟦O\d+⟧(?:'s|’s) (?=(?:[a-z0-9-]+ ){0,2}⟦[PM]\d+⟧)"), ""),
    # "to Saudi Arabia's Humain", "the kingdom's Public Investment Fund", 'Santa Clara, California-based Intel':
    # a place or a possessive noun before an organization only describes it
    (re.compile(r"(?:⟦G\d+⟧|\bthe [a-z]+)(?:'s|’s) (?=⟦O\d+⟧)"), ""),
    (re.compile(r"⟦G\d+⟧(?:, ⟦G\d+⟧|, [a-z]+)?-based (?=⟦O\d+⟧)"), ""),
    # 'rents most of them to the research startup Sakana AI' reads 'to Sakana AI'
    (re.compile(r"\b(?:the|a|an) (?:[a-z-]+ ){0,3}?(?:startup|start-up|company|firm|lab|developer|maker|chipmaker|"
                r"provider|operator|group|giant|rival|unit) (?=⟦O\d+⟧)"), ""),
    (re.compile(r"⟦O\d+⟧(?:的| |下一代|新一代|最新的?|自研的)?(?=⟦[PM]\d+⟧)"), ""),
    # '被列入美国商务部实体清单', "the Commerce Department's Entity List": the issuer before a rule's name
    (re.compile(r"⟦O\d+⟧(?:的|'s |’s )?(?=⟦L\d+⟧)"), ""),
    # '英伟达执行长黄仁勋宣布将投资' reads '英伟达宣布将投资': a leader speaking states the company's deal.
    (re.compile(r"(⟦O\d+⟧)的?(?:首席执行官|执行长|总裁|董事长|董事会主席|创始人|总经理|ceo|chief executive|"
                r"chief executive officer)(?:兼[^⟦⟧,。]{1,6})? ?⟦H\d+⟧"), r"\1"),
    (re.compile(r"⟦O\d+⟧(?:旗下的?|的子公司)(?=⟦O\d+⟧)"), ""),  # '入股软银旗下安谋' reads '入股安谋'
    (re.compile(r"(?<=⟧)(?:则|也|还|亦)?(?:表示|称|指出|透露|强调|说),"), ""),
    # 'AMD said it would supply OpenAI' reads 'AMD would supply OpenAI': the speaker is the subject.
    (re.compile(r"(?<=⟧) (?:said|says|announced|confirmed|disclosed|told [a-z]+)(?: on [a-z]+| in [a-z]+| this [a-z]+"
                r"| last [a-z]+)?(?: that)?"
                r" (?:it|they|the company|the firm)(?= )"), ""),
)
_PLACEHOLDER = re.compile(r"⟦[A-Z](\d+)⟧")


# A relative clause between commas ('Nvidia, which supplies most of Lambda's GPUs, also owns a stake', 'Safaricom
# (SCOM), in which Vodacom holds a stake, rents…'): a third
# reading leaves it out whole, so the main clause's subject meets its verb; the plainer reading keeps its words.
_RELATIVE_CLAUSE = re.compile(r"(?<=⟧)(?P<ticker> \([^()⟦⟧]{1,15}\))?, (?:which|who|in which|whose) [^;!?]{1,100}?, "
                              r"(?=(?:also |now |still |has |had |is |was )?[a-z]+ )")
_MAY_HOLD_RELATIVE_CLAUSE = may_match(_RELATIVE_CLAUSE)  # ', which ', ', who ': most sentences hold neither


def _reduced(template: _Template, *, without_relatives: bool = False) -> _Template | None:
    """The plainer reading of `template` (see `_REDUCTIONS`), or None when there is nothing to leave out;
    `without_relatives` leaves relative clauses out too (None when there is none)."""
    text = template.text
    if without_relatives:
        if not _MAY_HOLD_RELATIVE_CLAUSE(text):
            return None
        text = _RELATIVE_CLAUSE.sub(lambda clause: (clause.group("ticker") or "") + " ", text)
        if text == template.text:
            return None
    elif not _REDUCIBLE.search(text):
        return None
    for pattern, replacement in _REDUCTIONS:
        text = pattern.sub(replacement, text)
    if text == template.text:
        return None
    spans = [(-1, -1)] * len(template.slots)  # a name left out has no place in this reading
    for match in _PLACEHOLDER.finditer(text):
        spans[int(match.group(1))] = match.span()
    return _Template(text, template.slots, spans)


@lru_cache(maxsize=1024)
def _placeholder(kind: EntityKind, number: int) -> str:
    return f"⟦{KIND_LETTERS[kind]}{number}⟧"


def _slot(group_text: str, *, last: bool = False) -> int:
    """The number of the first (or last) placeholder a rule's group matched ('⟦O12⟧、⟦O13⟧' gives 12, or 13)."""
    numbers = _PLACEHOLDER.findall(group_text)
    if not numbers or group_text[:1] != "⟦" or group_text[-1:] != "⟧":
        raise ValueError(f"group {group_text!r} is not a placeholder")  # cues.yaml guarantees it is
    return int(numbers[-1 if last else 0])


def _coordinated(template: _Template, number: int, blocked: set[int]) -> list[int]:
    """`number` and every name of its kind listed with it ('A、B和C'), except names bound elsewhere."""
    if _refers_back(template.slots[number]):
        return [number]  # 'to Mistral AI, its chief executive': 'its' is the topic, not a second listed firm
    right, left = _LISTED[template.slots[number].kind]
    chain = [number]
    position = template.spans[number][1]
    while (match := right.match(template.text, position)) and int(match.group(1)) not in blocked \
            and not _refers_back(template.slots[int(match.group(1))]):
        chain.append(int(match.group(1)))
        position = match.end()
    position = template.spans[number][0]
    while (match := left.search(template.text, 0, position)) and int(match.group(1)) not in blocked \
            and not _refers_back(template.slots[int(match.group(1))]) and not _parent_bound(match, blocked):
        chain.insert(0, int(match.group(1)))
        position = match.start()
    return chain


def _parent_bound(match: re.Match[str], blocked: set[int]) -> bool:
    """Whether the parent a list item was named with (its second group, if any) is bound elsewhere: in
    '联想集团旗下的联想创投' read as a unit of 联想集团, the names before the parent are no units of it."""
    parent = match.group(2) if match.re.groups >= 2 else None
    return parent is not None and int(parent) in blocked


def _refers_back(mention: LinkedMention) -> bool:
    return mention.signal == "coreference"


def _clause_marks(text: str) -> list[int]:
    """Where the clauses of `text` end: the positions of its clause-ending characters, in order."""
    return [match.start() for match in _CLAUSE_END.finditer(text)]


def _clause(text: str, marks: list[int], start: int, end: int) -> tuple[int, int]:
    """The clause around `text[start:end]`: after the last clause end before it, up to the first one after it."""
    before = bisect_left(marks, start)
    left = marks[before - 1] + 1 if before else 0
    if start and text[start - 1] == "," and start < len(text) and text[start].isdigit():
        left = start  # the text before a match is read on its own: a comma just before it ends a clause
    after = bisect_left(marks, end)
    return left, marks[after] if after < len(marks) else len(text)


def _retyped(rule: CompiledRule, rel_type: RelType, subject: LinkedMention, obj: LinkedMention) -> tuple[RelType, ...]:
    """The types a match states: the emitted one, unless the subject's role or the object's kind says otherwise."""
    for key in (*sorted(subject.roles), str(obj.kind), obj.subkind):
        if key and key in rule.rule.retype:
            return rule.rule.retype[key]
    return (rel_type,)


# A news outlet stands in a story as its source; as a party it is placed or led, and nothing else here (who owns
# it is catalog reference data).
_WHAT_A_PUBLISHER_DOES = frozenset({RelType.LOCATED_IN, RelType.LEADS})


def _only_a_publisher(mention: LinkedMention) -> bool:
    return mention.roles == {OrgRole.MEDIA}


def _allowed(rule: CompiledRule, rel_type: RelType, subject: LinkedMention, obj: LinkedMention) -> bool:
    if subject.key == obj.key:
        return False
    if rel_type is RelType.USES and subject.subkind == "family":
        return False  # 'RTX 40 SUPER系列包括RTX 4080 SUPER': a family lists its members, it uses none
    roles = rule.rule.subject_roles
    if roles and not subject.new and not (set(map(str, subject.roles)) & roles):
        return False
    if rule.rule.parent and (subject.parent is None or subject.parent != obj.entity_id):
        return False
    if rule.rule.specific_object and _is_descriptor(obj):
        return False
    if rule.rule.object_subkinds and obj.subkind not in rule.rule.object_subkinds:
        return False
    if rel_type in _SAME_KIND_TYPES and subject.kind is not obj.kind:
        return False
    if rel_type not in _WHAT_A_PUBLISHER_DOES and (_only_a_publisher(subject) or _only_a_publisher(obj)):
        return False  # 'denied a report by the Economic Daily News that it would be acquired': the source, no party
    subject_kinds, object_kinds = ENDPOINT_KINDS[rel_type]
    return subject.kind in subject_kinds and obj.kind in object_kinds


class _Setting(NamedTuple):
    """What the clause around a match says, the same for every pair the match binds."""

    clause: tuple[int, int]
    match_start: int
    status: FactStatus | None
    confidence: float
    date: str | None


class _Proposal(NamedTuple):
    candidate: Candidate
    overrides: tuple[RelType, ...]


class _SentenceReader:
    """Runs rules over one templated sentence and decorates what they find."""

    def __init__(self, sentence: Sentence, template: _Template, context: SentenceContext,
                 lexicon: CompiledLexicon) -> None:
        self.sentence = sentence
        self.template = template
        self.context = context
        self.lexicon = lexicon
        self._quantities: list[Found[Quantity]] | None = None
        self._money: list[Found[Money]] | None = None
        self._dates: list[Found[str]] | None = None

    # Amounts and dates are looked for only in sentences where a rule matched, and only when asked for
    # (plain attributes: `functools.cached_property` takes a lock on every first read in Python 3.11).
    def quantities(self) -> list[Found[Quantity]]:
        if self._quantities is None:
            self._quantities = find_quantities(self.template.text)
        return self._quantities

    def money(self) -> list[Found[Money]]:
        if self._money is None:
            self._money = find_money(self.template.text)
        return self._money

    def dates(self) -> list[Found[str]]:
        if self._dates is None:
            self._dates = find_dates(self.template.text, self.context.article_date)
        return self._dates

    def proposals(self, matches: list[tuple[CompiledRule, re.Match[str]]]) -> Iterator[_Proposal]:
        text = self.template.text
        marks = _clause_marks(text)
        for rule, match in matches:
            clause = _clause(text, marks, match.start(), match.end())
            negation_from = match.start() if rule.rule.status_in == "match" else min(clause[0], match.start())
            if self.lexicon.negation.search(text, negation_from, match.end()):
                continue  # negated or hypothetical ('没有', '如果', 'did not') in the clause up to the cue
            yield from self._from_match(rule, match, clause)

    def _groups(self, rule: CompiledRule, match: re.Match[str]) -> dict[str, list[int]]:
        # A group that never extends to a list binds the name nearest the rest of the match: '超微、博通与亚马逊旗下X'
        # is Amazon's (the group opens the match: its last name), '上海X、Y' places X (it closes it: its first).
        bound = {name: self._bound(text, last=name in rule.rule.single and match.start(name) == match.start(),
                                   closes=match.end(name) == match.end())
                 for name, text in match.groupdict().items() if text}
        groups = {name: [number] if name in rule.rule.single
                  else _coordinated(self.template, number, set(bound.values()) - {number})
                  for name, number in bound.items()}
        if rule.rule.collect == "before":
            for emission in rule.emissions:
                kinds = ENDPOINT_KINDS[emission.type][1]
                earlier = [n for n, m in enumerate(self.template.slots)
                           if m.kind in kinds and 0 <= self.template.spans[n][1] <= match.start()]
                groups[emission.object] = earlier[:1]  # the sentence's topic: its first such name
        return groups

    def _bound(self, group_text: str, *, last: bool, closes: bool) -> int:
        """The name a group binds. A word that refers back, closing a group the match goes on after, binds alone:
        'to Mistral AI, its chief executive' is about the firm 'its' stands for (that comma joins no list), while
        'from Lambda, its co-founder said' ends the match on Lambda."""
        numbers = _PLACEHOLDER.findall(group_text)
        if not closes and len(numbers) > 1 and _refers_back(self.template.slots[int(numbers[-1])]):
            return int(numbers[-1])
        return _slot(group_text, last=last)

    def _from_match(self, rule: CompiledRule, match: re.Match[str], clause: tuple[int, int]) -> Iterator[_Proposal]:
        groups = self._groups(rule, match)
        setting: _Setting | None = None  # what the clause says, read once per match and only if a pair passes
        for emission in rule.emissions:
            subjects, objects = groups.get(emission.subject, []), groups.get(emission.object, [])
            positional = rule.rule.pairing == "positional" and len(subjects) == len(objects) > 1
            pairs = zip(subjects, objects, strict=True) if positional else cartesian(subjects, objects)
            for s, o in pairs:
                subject, obj = self.template.slots[s], self.template.slots[o]
                for rel_type in _retyped(rule, emission.type, subject, obj):
                    if _allowed(rule, rel_type, subject, obj):
                        setting = setting or self._setting(rule, clause, match.start(), match.end())
                        yield _Proposal(self._candidate(rule, rel_type, subject, obj, setting), rule.rule.overrides)

    def _setting(self, rule: CompiledRule, clause: tuple[int, int], match_start: int, match_end: int) -> _Setting:
        # A title before a name ('Microsoft President Brad Smith said … would expand') states its fact whatever
        # the rest of the clause plans: such rules read their status in the match only.
        region = self.template.text[match_start:match_end] if rule.rule.status_in == "match" \
            else self.template.text[clause[0]:clause[1]]
        hedged = self.lexicon.hedges.search(region) is not None
        status = rule.rule.status or next((name for name, pattern in self.lexicon.status if pattern.search(region)),
                                          None)
        sentence_status = next((name for name, pattern in self.lexicon.sentence_status
                                if pattern.search(self.template.text)), None)
        # '据知情人士透露, …' makes the whole sentence hearsay; '该消息不属实' denies it whatever it reported
        # (not a title a rule reads in its match: '总经理周宏毅予以否认' denies the report, not his title).
        if rule.rule.status_in != "match" and (status is None or sentence_status is FactStatus.DENIED):
            status = sentence_status or status
        return _Setting(
            clause=clause,
            match_start=match_start,
            status=status,
            confidence=round(rule.rule.confidence * (_HEDGE_FACTOR if hedged else 1.0), 3),
            date=self._date(clause, match_start),
        )

    def _product(self, setting: _Setting, ends: set[str]) -> str | None:
        clause = setting.clause
        for mention, (start, _) in zip(self.template.slots, self.template.spans, strict=True):
            if (mention.kind is EntityKind.PRODUCT and mention.entity_id and mention.key not in ends
                    and max(clause[0], setting.match_start) <= start < clause[1]):
                return mention.entity_id
        return None

    def _date(self, clause: tuple[int, int], match_start: int) -> str | None:
        inside = [d for d in self.dates() if clause[0] <= d.start < clause[1]]
        earlier = [d for d in self.dates() if d.end <= match_start]
        chosen = inside[0] if inside else (earlier[-1] if earlier else None)
        return chosen.value if chosen else None

    def _candidate(self, rule: CompiledRule, rel_type: RelType, subject: LinkedMention, obj: LinkedMention,
                   setting: _Setting) -> Candidate:
        start, end = setting.clause
        # Counts and amounts are read only for the types that carry them.
        quantity = (next((q.value for q in self.quantities() if start <= q.start < end), None)
                    if rel_type in _QUANTITY_TYPES else None)
        amount = (next((m.value for m in self.money() if start <= m.start < end), None)
                  if rel_type in _MONEY_TYPES else None)
        return Candidate(
            subject=subject.key, subject_name=subject.name, subject_kind=subject.kind, subject_new=subject.new,
            type=rel_type,
            object=obj.key, object_name=obj.name, object_kind=obj.kind, object_new=obj.new,
            product=self._product(setting, {subject.key, obj.key}) if rel_type in _PRODUCT_TYPES else None,
            quantity=quantity,
            amount=amount,
            date=setting.date,
            status=setting.status,
            evidence=self.sentence.text,
            confidence=setting.confidence,
            rule=rule.rule.id,
            source=self.context.article_id,
            start=self.sentence.start,
            end=self.sentence.end,
        )


def _resolve_overrides(proposals: list[_Proposal]) -> list[Candidate]:
    """Drop what a more specific reading overrides; keep one candidate per claim (the most confident).

    A leader speaking for a company ('英伟达执行长黄仁勋宣布将投资英特尔') states the company's deal, not a
    personal one: a person's claim is dropped where the company the person LEADS makes the same claim.
    """
    dropped: set[int] = set()
    leads = {(p.candidate.subject, p.candidate.object) for p in proposals if p.candidate.type is RelType.LEADS}
    claims = {(p.candidate.subject, p.candidate.type, p.candidate.object) for p in proposals}
    for index, proposal in enumerate(proposals):
        c = proposal.candidate
        if c.subject_kind is EntityKind.PERSON and c.type is not RelType.LEADS and any(
                (org, c.type, c.object) in claims for person, org in leads if person == c.subject):
            dropped.add(index)
    for proposal in proposals:
        ends = {proposal.candidate.subject, proposal.candidate.object}
        # A reading retyped into what it overrides is that reading now: it does not drop its own kind.
        overridden = tuple(t for t in proposal.overrides if t is not proposal.candidate.type)
        for index, other in enumerate(proposals):
            if other.candidate.type in overridden and ends & {other.candidate.subject, other.candidate.object}:
                dropped.add(index)
    best: dict[tuple[str, RelType, str, str | None], Candidate] = {}
    for index, proposal in enumerate(proposals):
        if index in dropped:
            continue
        candidate = proposal.candidate
        key = (candidate.subject, candidate.type, candidate.object, candidate.product)
        if key not in best or candidate.confidence > best[key].confidence:
            best[key] = candidate
    return list(best.values())


def sentence_candidates(sentence: Sentence, mentions: list[LinkedMention], context: SentenceContext,
                        lexicon: CompiledLexicon, rules: Sequence[CompiledRule] | None = None) -> list[Candidate]:
    """Every candidate the lexicon reads in one sentence (`mentions` are the names inside it, in order).

    `rules` defaults to the rules whose trigger words occur in the sentence (`CompiledLexicon.rules_for`);
    passing `lexicon.rules` tries every rule, with the same answers.
    """
    # A generic catalog class ('GPU', 'AI芯片') is never a party: it stays words in the sentence ('租用GPU'),
    # where it neither breaks a gap between two names nor stands as one.
    mentions = [m for m in mentions if not m.generic]
    if len(mentions) < 2:
        return []
    start, end = context.aligned.normalized_span(sentence.start, sentence.end)
    full = _template(context.aligned, start, end, mentions)
    proposals: list[_Proposal] = []
    for template in (full, _reduced(full), _reduced(full, without_relatives=True)):
        if template is None:
            continue
        chosen = lexicon.rules_for(template.text) if rules is None else rules
        matches = [(rule, match) for rule in chosen for match in rule.regex.finditer(template.text)]
        if matches:  # most sentences: no reader needed
            proposals += _SentenceReader(sentence, template, context, lexicon).proposals(matches)
    return _resolve_overrides(proposals) if proposals else []
