"""'The company' and '该公司' read as the organization they stand for.

News names a company once and then writes 'the company said it has been renting GPUs to Microsoft',
'该公司已向英伟达下单' or, opening the next sentence, 'It has lined up …', 'Its largest customer is …' or
'其主要客户包括…', or a clause opening on a bare '公司' ('X公告,公司已与Y签约'): the
fact is the named company's, but a pattern only sees a pronoun. Each such phrase
becomes a mention of the nearest organization named before it in the same sentence, or, when the sentence
names none before it, of the first organization of the sentence before (the topic news returns to); a bare
'公司' stands for the sentence's own topic. The quote stays the sentence as written; only the reading changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from computekg.graph.schema import EntityKind, OrgRole
from computekg.loaders.ingest.aligned import AlignedText
from computekg.loaders.ingest.linking import LinkedMention
from computekg.loaders.ingest.sentences import Sentence

__all__ = ["with_coreferences"]

# The phrases that stand for an organization named before them (matched in the original text); not after a
# comma, where 'the chipmaker' is an apposition describing the name ('Nvidia, the chipmaker, supplies …').
_STANDS_FOR_ORG = re.compile(r"(?<!, )\b[Tt]he (?:company|firm|startup|chipmaker|group)\b(?!'s|’s)"
                             r"|该公司|該公司|该集团|該集團"
                             # a sentence that opens on a possessive pronoun continues the one before
                             r"|^\s*(?:Its\b|其(?![他它中余餘实實次後后]))"
                             # 'It has already lined up …': an acting 'It' opening a sentence, not 'It is unclear'
                             r"|^\s*It(?= (?:has|had|also|already|now|then|recently|previously|signed|bought|ordered"
                             r"|rents|leases|supplies|sells|agreed|raised|received|acquired|owns|holds|operates|runs|uses"
                             r"|will|plans)\b)"
                             # '本轮由X领投': the round is that of the company the sentence before named
                             r"|^\s*(?:本轮|本輪|该轮|該輪)(?=融资|融資|由)")


# A bare '公司' opening a clause ('X公告,公司已与…', 'X是…企业,公司今年已向…') is the sentence's topic, the company
# the report is about, not whichever company was named last.
# So is one opening on what the company makes ('X披露,公司第二代MRCD芯片已向…供货', '公司自研的…').
_CLAUSE_COMPANY = re.compile(r"(?<=[,，;；:：])\s*公司"
                             r"(?=今年|去年|目前|近期|已|将|也|还|正|并|与|和|向|为|在|于|对|此前|日前"
                             r"|的|第[一二三四五六七八九十]代|新一代|下一代|自研|自主研发|旗下|产品|芯片|主要|[A-Za-z])")
# A clause that opens on 'its' and a title names the topic's leader, not the last firm named: 'X完成由Y领投的融资,
# 其总经理Z表示', 'X is in talks to rent capacity to Y, its chief executive, Z, told Reuters'.
_CLAUSE_ITS_TITLE = re.compile(r"(?<=[,，;；])\s*(?:its(?= (?:chief executive|chief executive officer|ceo|president"
                               r"|chairman|chairwoman|founder|co-founder|chief technology officer"
                               r"|chief financial officer)\b)"
                               r"|其(?=总经理|總經理|董事长|董事長|总裁|總裁|首席执行官|執行長|执行长|创始人|創辦人|创办人|CEO|ceo"
                               r"|联合创始人|聯合創始人|负责人|負責人))")


def with_coreferences(sentences: Iterable[tuple[Sentence, list[LinkedMention]]],
                      aligned: AlignedText) -> Iterator[tuple[Sentence, list[LinkedMention]]]:
    """Each sentence with its mentions, and a mention for each phrase that stands for an organization."""
    previous_topic: LinkedMention | None = None
    for sentence, inside in sentences:
        organizations = [m for m in inside if m.kind is EntityKind.ORGANIZATION and not m.generic]
        added = []
        for match in _STANDS_FOR_ORG.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if any(m.start < end and start < m.end for m in inside):
                continue
            before = [m for m in organizations if m.end <= start]
            antecedent = before[-1] if before else previous_topic
            if antecedent is None:
                continue
            added.append(_standing_for(antecedent, start, end, aligned))
        topics = [m for m in organizations if OrgRole.MEDIA not in m.roles]  # '据36氪报道,X…': X is the topic
        topic = topics[0] if topics else previous_topic
        for match in (*_CLAUSE_COMPANY.finditer(sentence.text), *_CLAUSE_ITS_TITLE.finditer(sentence.text)):
            start, end = sentence.start + match.end() - len(match.group().strip()), sentence.start + match.end()
            if topic is None or topic.end > start or any(m.start < end and start < m.end for m in inside):
                continue
            added.append(_standing_for(topic, start, end, aligned))
        if topics:
            previous_topic = topics[0]
        yield sentence, sorted(inside + added, key=lambda m: m.start) if added else inside


def _standing_for(antecedent: LinkedMention, start: int, end: int, aligned: AlignedText) -> LinkedMention:
    """A mention of `antecedent` at the phrase [start, end) that stands for it (original offsets)."""
    norm_start, norm_end = aligned.normalized_span(start, end)
    return antecedent._replace(start=start, end=end, norm_start=norm_start, norm_end=norm_end, tail=-1,
                               signal="coreference")
