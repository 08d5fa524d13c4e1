"""Names the catalog lacks, found by what stands around them rather than by how they end.

News names a company without a suffix all the time: 'AI创业公司月之暗面', 'CoreWeave, a GPU cloud,',
'弘塑(3131-TW)', '字节跳动、月之暗面和智谱等'. `new_entities` finds names by their company suffix; this
module reads the context:

- a ticker in parentheses after a name (台积电(2330), 緯穎(6669-TW), CoreWeave (NASDAQ: CRWV)) — the
  strongest signal: when the code is a catalog listing the name is that entity, written another way;
- a list that holds a catalog name ('A、B和C等', 'Microsoft, Meta and CoreWeave'): its other items are of
  the same kind;
- a descriptor right before the name ('大模型独角兽X', '供应商X', 'startup X', 'rival X');
- an apposition after an English name ('X, a New York-based GPU cloud,');
- a product code near a product word or its maker ('B30A芯片', 'the MI355X accelerator', '英伟达B30A').

Every discovery keeps the signal that found it, for the review queue. Spans are in the aligned
(normalized) text; English names are read off the original text, where capitals survive. The words
each signal uses live in cues.yaml (`names:`), like the rest of the extractor's language knowledge.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from computekg.graph.schema import EntityKind
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.ingest.aligned import AlignedText
from computekg.loaders.ingest.cues import NameCues, default_name_cues
from computekg.loaders.ingest.new_entities import reads_as_chinese_name
from computekg.loaders.ingest.pattern_literals import gated_finditer

__all__ = ["BARE_COMPANY", "Discovery", "KnownSpan", "discover"]


class KnownSpan(NamedTuple):
    """A catalog mention already found, in normalized offsets."""

    start: int
    end: int
    kind: EntityKind


class Discovery(NamedTuple):
    """A name found by its context, in normalized offsets.

    `entity_id` is set when the context identifies a catalog entity (a listed ticker code): the name is
    then another way of writing that entity, not a new one. `tail_end` reaches past a parenthesis that
    only repeats the name (a ticker or a gloss), which relation patterns should read through. `described_as`
    is what the context says the organization is ('gpu云服务商' of '澜存,是一家…GPU云服务商'), read for its roles.
    """

    start: int
    end: int
    kind: EntityKind
    signal: str
    entity_id: str | None = None
    tail_end: int | None = None
    described_as: str = ""


# Han characters, extensions included: OpenCC simplifies some rare characters into Extension B and beyond
# (the 鋐 of 奇鋐 becomes U+2CB4E).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_CHAR = re.compile(f"[{_HAN}]")
# A ticker in parentheses, in normalized (lower-case, half-width) text: (2330), (2330-tw), (nasdaq: crwv),
# (688256.sh), (0700.hk), (sasy.pa), (lse: azn). Letters alone need an exchange before or after them, or
# capitals after an English name (`_bare_letters_name`): '(ai)' is no ticker.
_TICKER_PAREN = re.compile(
    r"\(\s*(?:(?P<exchange>nasdaq|nyse|twse|tpex|hkex|sse|szse|otc|tse|krx|amex|lse|asx|tsx|sgx|nse|bse|six|jse|"
    r"xetra|euronext(?: paris| amsterdam)?|tadawul|kosdaq|kospi)\s*:\s*)?"
    r"(?P<code>\d{4,6}|[a-z][a-z]{0,5}(?:\.[a-z])?)"
    r"(?:[-. ](?P<suffix>tw|two|us|hk|sh|sz|ss|ks|kq|t|jp|o|n|as|de|l|pa|sw|mi|st|co|he|ol|ax|to|si|ns|bo|jk|kl|bk|"
    r"mc|br|vx|sr|ad|qa|f))?\s*\)")
# Capitals in parentheses after an English name are its ticker or its initials; either way the words before
# are a name ('Safaricom Plc (SCOM)', 'Danish Centre for AI Innovation (DCAI)'). Not after words that name
# a technology or a rule ('Extreme Ultraviolet (EUV)', 'Export Administration Regulations (EAR)').
_BARE_LETTERS = re.compile(r"[A-Z]{2,5}")
_NOT_NAMED_BY_LETTERS = frozenset({
    "regulations", "regulation", "rule", "rules", "act", "law", "memory", "ultraviolet", "lithography", "unit",
    "units", "processing", "processor", "learning", "intelligence", "model", "models", "interface", "network",
    "programme", "program", "initiative", "list", "standard", "protocol", "engine", "architecture", "packaging",
    "module", "modules", "chip", "chips", "center", "centre"})
# The characters a list word starts and ends with (、 和 与 及 或, ', ', ' and ', '&', '/').
_JOINER_FIRST = frozenset("、和与及以或, &/")
_JOINER_LAST = frozenset("、和与及或, &/")
_YEAR = re.compile(r"(?:19[89]\d|20[0-4]\d)")
# A numbered Chinese product name: two to four characters, then 一号 … 十号 (一代 is a generation, not a name).
_NUMBERED_NAME_MATCHES = gated_finditer(re.compile(f"[{_HAN}]{{2,4}}[一二三四五六七八九十]号"))
# A Latin token with hyphens ('glm-4-plus'), where a catalog name may end at a hyphen.
_HYPHENATED = re.compile(r"(?<![a-z0-9.-])[a-z][a-z0-9.]*(?:-[a-z0-9.]+)+(?![a-z0-9-])")
# How far after a place a descriptive phrase may run ('特用化学品厂'), and what ends one: a mark or a list word.
_PLACED_PHRASE_LONGEST = 10
# The verbs of a funding round that only an investor does ('领投', '跟投').
_ZH_ROUND_VERB_MATCHES = gated_finditer(re.compile(r"(?:联合|共同)?(?:领投|跟投|参投)"))
# 'X是一家…公司': what follows 是一家 says what X is, ending in a descriptor tail within this many characters.
_ZH_IS_A = re.compile(r"(?:是|为|系)(?:一家|一间|一个)")
_ZH_IS_A_LONGEST = 24
# Tails that say only 'a company': the words before them must say more ('线束厂' does, '中国大公司' not).
BARE_COMPANY = ("公司", "企业")
# What names a data or computing centre: its kind at the end ('…智算中心', '… Data Center', '… campus').
_ZH_FACILITY = re.compile(r"(?:人工智能计算中心|智算中心|算力中心|超算中心|计算中心|数据中心|智算集群|超算集群)")
_EN_FACILITY_MATCHES = gated_finditer(re.compile(
    r"(?<![A-Za-z-])(?:[A-Z](?:[\w]|-(?!based|owned|backed|run|led))*[ ]){1,3}"
    r"(?P<kind>(?:AI )?(?:[Dd]ata [Cc]ent(?:er|re)|[Cc]omputing [Cc]ent(?:er|re)|[Ss]upercomputer"
    r"|AI Factory|[Ss]upercluster)(?: [Cc]ampus)?)"
    # ('a Lagos data center operator' names a trade, not a centre)
    r"(?![A-Za-z])(?! (?:operators?|developers?|providers?|compan(?:y|ies)|firms?|owners?|builders?|landlords?)\b)"))
# Single characters that end a given name wherever they stand ('谭待在', '王伟的').
_NAME_BREAKING_CHARS = frozenset("的是在和与及或等将已也都向为被把从对给于由称说曾")
# Adverbs that follow a name rather than end it ('沁川正与鸿海洽谈', '杨杰曾表示').
_ADVERB_CHARS = frozenset("正曾则还亦均皆并又才就再仍")
# What follows a firm that acts in its clause: '苏州的澜拓热控为…供应', '…已与…签约' (not '自有产线完成').
_ACTS_AFTER_NAME = frozenset("为向从与已将是获也则还亦")
_SUBJECT_ACTS = frozenset("为向从")
# A founder named after what they were: '由前阿里云工程师程砚创立', '由曾任职于地平线的韩既白创立'.
_ZH_FOUNDED_BY = re.compile(r"由(?:(?:前|原)?[^,。;由]{0,14}?(?:工程师|高管|研究员|科学家|教授|员工|总监|副总裁|总裁|"
                            r"董事长|创始人|ceo|团队|老兵|的))?(?P<name>[\u4e00-\u9fff]{2,3}?)(?:于[^,。;]{1,10}?)?(?:联合)?"
                            r"(?:创立|创办|创建|成立)")
_SPEECH_AFTER_NAME = re.compile(r"表示|此前|指出|透露|认为|介绍|告诉|强调|坦言|称|说|日前|近日|先前|对")
# Function characters that also end given names (杨崇和, 郭为, 王与); adverbs do not ('杨杰曾表示').
_NAME_ENDING_CHARS = frozenset("和为与及于")
_TITLE_CHAINS = frozenset("兼暨、")  # '创始人兼总经理': one person's titles, the employer before the first
# Two or three capitalized words of a person's name, a hyphenated given name included ('Kwon Do-hyun').
_EN_PERSON_WORDS = r"[A-Z][^\W\d_]+(?: [A-Z][^\W\d_'’-]+(?:-[a-z]+)?){1,2}"
# A person named before an apposition that gives their title at an organization.
_EN_PERSON_APPOSED_MATCHES = gated_finditer(re.compile(
    rf"(?<![\w'’])({_EN_PERSON_WORDS}), (?:the )?(?:[A-Z][\w&.-]*)"
    r"(?: [A-Z][\w&.-]*){0,3}"
    r"(?:'s|’s|'|’) (?:\([^()]{1,15}\) )?(?:[a-z-]+ )?(?:chief executive|chief financial officer|chief technology "
    r"officer|chief operating "
    r"officer|ceo|cfo|cto|coo|chairman|chairwoman|president|founder|co-founder|co-ceo|managing director|head)\b"))
# The capitalized name right after 'X-based', when a lower-case word or a mark follows it.
_EN_AFTER_BASED = re.compile(r" ((?:[A-Z][\w&'’.-]*)(?: [A-Z][\w&'’.-]*){0,3})(?= [a-z]|[,.;:!?)]|$)")
_EN_ABBREVIATION_END = re.compile(r"\b(?:Inc|Co|Corp|Ltd|Bros|Jr|[A-Z])\.$")
_EN_GENERIC_CAPS = frozenset({"GPU", "GPUs", "AI", "CPU", "HBM", "IT", "US", "U.S.", "EU", "ASIC", "LLM", "HPC", "EDA",
                              "IC", "OEM", "ODM", "EMS", "DRAM", "NAND", "SaaS", "Chinese", "American", "European"})
_EN_GENERIC_CAPS_LOWER = frozenset(word.lower() for word in _EN_GENERIC_CAPS)
_ZH_TRADE_WORD = re.compile(r"公司|企业|厂商|服务商|供应商|平台|新创|初创|业者")
_ZH_HEADQUARTERED = re.compile(r"总部(?:位于|设在|设于|在)")
_ZH_DISTRICT = re.compile(r"[\u4e00-\u9fff]{1,3}?(?:区|县|市|镇|新区|园区)?(?=的)")
_ZH_MODEL = re.compile(r"大模型")
# A name in quotation marks right after what it is: '金融模型「玉鉴」' is a model, 'RISC-V核“香山昆明湖”' a product.
_ZH_QUOTED_NAME = re.compile(r"(?P<what>模型|大模型|芯片|晶片|处理器|加速卡|核|平台|系统)[「“\"『]"
                             r"(?P<name>[^」”\"』,。;:!?()]{2,14})[」”\"』]")
_NOT_A_MODEL_NAME = re.compile(r"国产|通用|开源|多模态|基础|行业|垂直|千亿|万亿|自研|闭源|主流|头部|国内|海外|中国|"
                               r"美国|首个|端侧|推理|语言|视觉|自家|旗舰|最新|新一代|下一代|训练|部署|各家|多家|几家|等|级|卡|的$")
# Words that count or describe a centre rather than name it: '一个新计算中心', '多座数据中心'.
_NOT_A_FACILITY_NAME = re.compile(r"^[个座家所处间新旧该这那其多某每各大小超]|[新的]$")
_EN_LEADING = re.compile(r"(?:(?:The|A|An|Its|Their|Our|His|Her|This|That|New|In|At|By|For|From|With|And|Of|As)\s+)+")
# What turns a trade's tail into another word: '厂区', '厂房', '厂址'.
_NOT_A_TRADE_AFTER = re.compile(r"[区房址内外长]")
_PHRASE_BREAK = re.compile(r"[,。;:!?、()\s与和及或并]")
# A person's name after an English title: two or three capitalized words ('Chief Executive Stephen Balaban').
_EN_PERSON = re.compile(r"[A-Z][a-zà-öø-ÿ]+(?:-[a-z]+)?(?:[- ][A-Z][a-zà-öø-ÿ]+(?:-[a-z]+)?){1,2}"
                        r"(?![A-Za-zà-öø-ÿ])")  # 'Kwak Noh-jung', 'Tim Höttges'
# The titles a person holds at an organization, as the two patterns below write them.
_EN_TITLE_HELD = (r"(?:chief executive|chief executive officer|chief financial officer|chief technology officer|"
                  r"chief operating officer|ceo|cfo|cto|coo|chairman|chairwoman|president|founder|co-founder|"
                  r"managing director|head|general manager)")
# A person before an apposition that gives their title of an organization: 'Bill Chang, chief executive of Nxera'.
_EN_PERSON_TITLE_OF_MATCHES = gated_finditer(re.compile(
    rf"(?<![\w'’])({_EN_PERSON_WORDS}), (?:the )?(?:former |co-|deputy )?{_EN_TITLE_HELD} (?:of|at) [A-Z]"))
# A person named as an organization's title-holder: 'E2E Networks, whose managing director is Tarun Dua'.
_EN_WHOSE_TITLE_IS_MATCHES = gated_finditer(re.compile(
    rf"\bwhose (?:co-|deputy |acting |interim )?{_EN_TITLE_HELD} (?:is|was),? ({_EN_PERSON_WORDS})(?![\w'’])"))
# A person before an apposition that says what they head: 'Tengku Zafrul Aziz, the minister who heads MITI'.
_EN_PERSON_WHO_HEADS_MATCHES = gated_finditer(re.compile(
    r"(?<![\w'’])([A-Z][^\W\d_]+(?: [A-Z][^\W\d_'’-]+(?:-[a-z]+)?){1,3}), (?:the |a |an )?(?:[a-z-]+ ){0,2}?"
    r"(?:minister|executive|chairman|chairwoman|president|founder|co-founder|director|secretary|chief|head|boss|"
    r"engineer|scientist|investor|entrepreneur|billionaire) (?:who|that) (?:heads|headed|leads|led|runs|ran|chairs|"
    r"chaired|founded|co-founded)\b"))
# A person named after 'led by', 'founded … by' and the titles before the name ('run by co-founder and Chief
# Executive Officer Sunil Gupta', 'founded last year by former Tata Communications executive Meera Kulkarni').
_EN_LED_BY_MATCHES = gated_finditer(re.compile(
    r"\b(?:led|run|founded|co-founded|cofounded|headed|chaired|started)(?: [a-z0-9]+){0,3}? by "
    r"((?:[\w&.'’-]+ ){0,8}?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3})(?=[,.;:)]| and | who | said| has| is| was|$)"))
_EN_TITLE_WORDS = frozenset({
    "chief", "executive", "officer", "minister", "president", "chairman", "chairwoman", "founder", "co-founder",
    "ceo", "cto", "cfo", "coo", "director", "managing", "secretary", "governor", "premier", "prime", "deputy", "vice",
    "general", "manager", "head", "technology", "financial", "operating", "senior", "former", "partner", "professor",
    "dr", "dr.", "mr", "mr.", "ms", "ms.", "mrs", "mrs."})
_EN_FIRM_LAST_WORDS = frozenset({"ventures", "capital", "partners", "group", "fund", "funds", "holdings", "investments",
                                  "management", "advisors", "labs", "technologies", "inc", "llc", "ltd", "corp"})
# 'Tekscend Photomask, still majority-owned by Toppan': what is owned is a firm; 'Photronics, whose Taiwanese arm
# PDMC runs plants': so is the unit a 'whose' clause names.
_EN_OWNED_MATCHES = gated_finditer(re.compile(
    r"(?<![A-Za-z0-9&'’.-])(?P<name>[A-Z][A-Za-z0-9&'’-]*(?: [A-Z][A-Za-z0-9&'’-]*){0,3}),? (?:still |now |itself )?"
    r"(?:(?:majority|minority|partly|wholly|fully|jointly)[- ])?owned by "))
_EN_WHOSE_UNIT_MATCHES = gated_finditer(re.compile(
    r"\bwhose (?:[A-Za-z-]+ ){0,2}?(?:arm|unit|subsidiary|division|affiliate) "
    r"(?P<name>[A-Z][A-Za-z0-9&'’-]*(?: [A-Z][A-Za-z0-9&'’-]*){0,2})(?= [a-z]|[,.;])"))
# 'X-based' names a place X: one or two capitalized words, perhaps with its state or country after a comma.
_EN_BASED_MATCHES = gated_finditer(
    re.compile(r"(?<![A-Za-z])((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+(?:, (?:[A-Z][a-z]+ )?[A-Z][a-z]+)?)-based"))
# A product code: letters then digits (h100, mi355x, b30a, gb200, tpu v7 is a name), or digits then letters (910c).
_PRODUCT_CODE = re.compile(r"(?<![a-z0-9_.+-])(?:[a-z]{1,4}-?\d{2,4}[a-z]{0,3}|[a-z]{1,4}-[a-z]{1,2}\d{1,4}[a-z]{0,2}"
                           r"|\d{3,4}[a-z]{1,2})(?![a-z0-9_+-])")  # h100, lj-t2, 910c
# A model code right after a Chinese product name: '6p' of '征程6P', 'r300', '910bx' (digits alone are years
# and counts as often as models).
_VARIANT_CODE = re.compile(r"(?:\d+[a-z][a-z0-9.]*|[a-z]+\d+[a-z0-9.]*)(?![a-z0-9])")
# A code set beside the chip word it names ('its first inference accelerator, the KS-1'): one digit is enough there.
_EN_CODE_APPOSED_TO_CHIP = re.compile(
    r"\b(?:chips?|accelerators?|processors?|gpus?|asics?|npus?|xpus?|cpus?|chiplets?)"
    r", (?:the |dubbed |called |named )?([a-z]{1,6}-?\d{1,4}[a-z]{0,3})(?![a-z0-9_+-])")
# A code right after a Chinese chip word ('PC处理器N1X'): one digit is enough there too.
_ZH_CHIP_WORD_THEN_CODE = re.compile(r"(?:芯片|晶片|加速卡|加速器|处理器|显卡|算力卡|服务器|伺服器|交换器|交换机)"
                                     r"([a-z]{1,4}-?\d{1,4}[a-z]{0,3})(?![a-z0-9_+-])")
# The model after a family's name in letters: ' X2 Elite' after 'Snapdragon', ' M4' after 'Apple' is no family.
_EN_FAMILY_MODEL = re.compile(r" ((?:[a-z]{1,2}\d{1,3}[a-z]?|\d{1,3}[a-z]{1,2}))(?: (?:elite|pro|max|ultra|plus|mini))?"
                              r"(?![a-z0-9_+-])")
_ZH_UNIT_AFTER_FIRM = re.compile(r"(?:研究院|研究所|研究中心|实验室|研究院所)(?![\u4e00-\u9fff]{0,1}(?:的研究|里))")
_NOT_FAMILY_MODEL = re.compile(r"q[1-4]|h[12]|\d+(?:nm|mm|gb|tb|mb|kw|mw|gw|w|hz|g|k|m|b|t|x|s)")
_LETTER_DIGIT = re.compile(r"(?<![a-z0-9_.+-])[a-z]\d(?![a-z0-9_+-])")
# A chip word after a code, perhaps after one word that says what the chip does ('K2 inference accelerator').
_EN_CHIP_WORD_AFTER = re.compile(r" (?:[a-z]+ )?(?:chips?|accelerators?|processors?|gpus?|asics?|npus?|xpus?|cpus?)\b")
# A product written as two Han characters and a code: '马赫100', '曦云c600', '邃思3.0'.
_ZH_CODED_NAME = re.compile(r"(?![首第每约逾近])[\u4e00-\u9fff]{2}(?:[a-z]\d{2,4}[a-z]?|\d{2,4}[a-z]?|\d\.\d)"
                            r"(?![a-z0-9.]|[亿万千百元台张块颗片卡个年月日号倍家位人名层代季款寸吋瓦伏纳奈%])")
# A code right after a Chinese chip word ('训练芯片QX-100'), or before its maker's passive ('QX-100由…研发').
_ZH_PRODUCT_WORD_BEFORE = re.compile(r"(?:芯片|晶片|加速卡|加速器|处理器|显卡|算力卡|服务器|伺服器)\Z")
_ZH_MADE_BY_AFTER = re.compile(r"由[^,。;:!?]{2,12}?(?:研发|设计|开发|推出|代工|生产|制造|打造)")
# A maker's own product written in Latin letters ('力旺自主研发的NeoFuse').
_ZH_MADE_LATIN_MATCHES = gated_finditer(re.compile(
    r"(?:自主研发|自行开发|自主开发|自行研发|自行设计|自主设计|自研)的"
    r"([a-z][a-z0-9+.-]*[a-z0-9](?: [a-z][a-z0-9+.-]*)?)(?![a-z0-9])"))
# '（以下简称“墨衡”）', '(下称鸿海)': the name a story declares it will use (matching form: ASCII parentheses).
_ZH_SHORT_FORM = re.compile(r"\((?:以下简称|以下称|下称|简称)[:“\"「]?([\u4e00-\u9fffa-z0-9]{2,8})[”\"」]?\)")
_TRAILING_PARENTHESIS = re.compile(r"\([^()]{1,20}\)$")
# What a maker's own product follows ('理想汽车自研的马赫100', '沐曦下一代曦云C600').
_ZH_MADE_BEFORE = ("自研的", "研发的", "推出的", "下一代")
_NOT_PRODUCT_CODE = re.compile(
    r"(?:q[1-4]|h[12]|fy\d+|cy\d+|\d+(?:nm|mm|gb|tb|mb|kw|mw|gw|w|hz|ghz|mhz|g|k|x|b|m|t|p|e|s|h|d|pcs)|"
    r"(?:19|20)\d\d[a-z]?|[a-z]\d|rmb\d+|usd\d+|ntd\d+|nt\d+|us\d+|hk\d+|no\d+|top\d+|cov\w*|sars\w*)")
# An English name: capitalized words, CamelCase and codes included ('CoreWeave', 'Voltage Park', 'xAI').
# A list word between English names ('A and B', 'A, B and C'; not 'A, the …' which the name check refuses).
_EN_JOINER = re.compile(r",? (?:and|or) |, | & ")
# A word ending in a full stop ends the name: 'Orbis Investments. Microsoft said' is two sentences.
_EN_NAME = re.compile(r"(?<![A-Za-z0-9.&'’-])(?:[A-Z]|[a-z]+[A-Z])[A-Za-z0-9&'’.-]*"
                      r"(?:(?<!\.)\s+[A-Z][A-Za-z0-9&'’.-]*){0,3}(?<![.,'’-])")


def _han_run_before(text: str, end: int, cues: NameCues, *, longest: int = 6) -> int | None:
    """Where the name ending at `end` starts: the Han run before it, cut after function and descriptor words."""
    start = end
    while start > 0 and end - start < longest + 8 and _HAN_CHAR.match(text, start - 1):
        start -= 1
    run = text[start:end]
    cut = cues.last_boundary_end(run)
    if run and cut == len(run) and run[-1] not in _NAME_BREAKING_CHARS and run[-1] not in _ADVERB_CHARS \
            and cues.boundary_at(run, len(run) - 1) == run[-1]:
        cut = cues.last_boundary_end(run[:-1])  # '协创数据(300857)': a name may end in 据, 达, 约 …
    for position in range(cut):  # a descriptor may hold a boundary word: '供应商' holds '供应'
        covered = cues.descriptor_prefix_length(run[position:])
        if covered and position + covered > cut:
            cut = position + covered
    cut = max(cut, cues.last_descriptor_tail_end(run))  # '伺服器机壳厂勤诚': the name is after '厂'
    core_start = start + cut
    prefix = cues.descriptor_prefix_length(text[core_start:end])
    if prefix > 1 or (prefix == 1 and cues.is_descriptive(text[core_start + 1:end])):
        core_start += prefix  # '国内芯片公司X' is X; one generic character may open a name ('云栈', '云从科技')
    if not 2 <= end - core_start <= longest:
        return None
    return core_start


_ZH_INVESTED = re.compile(r"(?:转投资|入股|参股|持股(?:约|近|逾)?[\d.]*%?)的")
_AI_TAIL = re.compile(r"ai(?![a-z0-9])")
_CLOSING_QUOTE = re.compile(r"[”\"」』]")
_LATIN_NAME = re.compile(r"[a-z][a-z0-9&'’.-]*(?: [a-z][a-z0-9&'’.-]*){0,3}")


# Company endings whose last character is also a word no name holds ('万峡数据': 据 as in 据悉).
_ENDINGS_HOLDING_A_BOUNDARY = frozenset({"数据"})


def _name_after(text: str, start: int, cues: NameCues, *, longest: int = 6) -> int | None:
    """Where a Chinese (or Latin) name starting at `start` ends: before the first boundary word or mark."""
    if start < len(text) and text[start] in "“\"「『":
        close = _CLOSING_QUOTE.search(text, start + 1, start + longest + 3)
        return close.end() if close and close.start() - start - 1 >= 2 else None
    latin = _LATIN_NAME.match(text, start)
    if latin:
        return latin.end()
    word = cues.boundary_at(text, start)
    if word is not None and (len(word) > 1 or word in _NAME_BREAKING_CHARS or word in _ADVERB_CHARS):
        return None  # '创业公司都在…': the descriptor was a noun of its own, no name follows ('达明' may open one)
    end = start
    while end < len(text) and _HAN_CHAR.match(text, end):
        if end > start + 1 and cues.starts_boundary(text, end) \
                and text[end - 1:end + 1] not in _ENDINGS_HOLDING_A_BOUNDARY:
            break
        if end - start == longest:
            return None  # no word ended it: a phrase ('密集入局大模型…'), or a name cut short
        end += 1
        if end - start >= 4 and reads_as_chinese_name(text[start:end]):
            break  # a company's ending ends its name: '旗下乾坤科技生产的' names 乾坤科技
    if end - start >= 2 and _AI_TAIL.match(text, end):
        end += 2  # '语言模型新创澄识AI获…': the Latin 'AI' ends the name
    return end if end - start >= 2 else None


class _Finder:
    """The discoveries of one text; `known` spans are never rediscovered or overlapped."""

    def __init__(self, aligned: AlignedText, body: str, known: Sequence[KnownSpan], index: AliasIndex,
                 cues: NameCues) -> None:
        self.text = aligned.text
        self.aligned = aligned
        self.body = body
        self.known = sorted(known)
        self.known_starts = [k.start for k in self.known]
        self.index = index
        self.cues = cues
        self.found: list[Discovery] = []

    def free(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps no catalog mention and no discovery so far."""
        at = bisect_left(self.known_starts, end)
        if at and self.known[at - 1].end > start:
            return False
        return all(d.end <= start or d.start >= end for d in self.found)

    def _covers_places_only(self, start: int, end: int) -> bool:
        """Whether what [start, end) overlaps is catalog names inside it that a centre is named after: places
        ('the Osaka Sakai Data Center') and, at its start, its operator ('中国移动呼和浩特智算中心')."""
        if any(d.start < end and start < d.end for d in self.found):
            return False
        overlapped = [k for k in self.known if k.start < end and start < k.end]
        return all(start <= k.start and k.end <= end
                   and (k.kind is EntityKind.PLACE or (k.kind is EntityKind.ORGANIZATION and k.start == start))
                   for k in overlapped)

    def known_ending_at(self, end: int) -> KnownSpan | None:
        at = bisect_left(self.known_starts, end)
        while at > 0:
            span = self.known[at - 1]
            if span.end == end:
                return span
            if span.end < end - 1:
                return None
            at -= 1
        return None

    def add(self, start: int, end: int, kind: EntityKind, signal: str, entity_id: str | None = None,
            tail_end: int | None = None, *, described: bool = False, over_known: bool = False,
            described_as: str = "") -> None:
        """Keep a discovery unless it is too short, a stopword, or overlaps what is known or found.

        A name that a listed ticker identifies may cover catalog mentions (日月光投控 over 日月光): it is
        the longer way of writing that entity, and linking lets it replace them; so may a name the caller
        says is written `over_known` (a catalog family with a model code: '征程6P' over '征程'). A name that a
        phrase before its context has `described` (a list, a phrase before it) may end like a descriptor
        ('IC设计新创晶隽科技', '中华开发资本与国发基金'); the caller checks how it starts.
        """
        name = self.text[start:end].strip()
        if len(name) < 2 or (entity_id is None and not described and self.cues.is_stopword(name)):
            return
        if entity_id is None and not over_known and not self.free(start, end) \
                and not (kind is EntityKind.FACILITY and self._covers_places_only(start, end)):
            return
        if any(d.start < end and start < d.end for d in self.found):
            return
        self.found.append(Discovery(start, end, kind, signal, entity_id, tail_end, described_as))

    def short_forms(self) -> None:
        """The short name a filing-style story declares: '墨衡智能（以下简称“墨衡”）' writes 墨衡 from then on."""
        for match in _ZH_SHORT_FORM.finditer(self.text):
            start, end = match.span(1)
            if not self.cues.is_generic(match.group(1)) and not match.group(1).startswith(("该", "本", "这")):
                self.add(start, end, EntityKind.ORGANIZATION, "short-form")

    # ---------------------------------------------------------------- tickers
    def tickers(self) -> None:
        for match in _TICKER_PAREN.finditer(self.text):
            code, exchange, suffix = match.group("code"), match.group("exchange"), match.group("suffix")
            name_end = match.start()
            while name_end > 0 and self.text[name_end - 1] == " ":
                name_end -= 1
            if code.isalpha() and not (exchange or suffix):
                self._bare_letters_name(match, name_end)
                continue
            listed = self._listing(code, exchange, suffix)
            if code.isdigit() and not (exchange or suffix) and listed is None and _YEAR.fullmatch(code):
                continue
            span = self.known_ending_at(name_end)
            if span is not None:
                continue  # a catalog name with its ticker: linking reads through the parenthesis
            start = self._name_start(name_end)
            if start is None or self.cues.is_descriptive(self.text[start:name_end]):
                continue
            # A listed company may end like a descriptor ('中贝通信(603220)'): the ticker vouches for it.
            self.add(start, name_end, EntityKind.ORGANIZATION, "ticker", listed, match.end(), described=True)

    def _bare_letters_name(self, match: re.Match[str], name_end: int) -> None:
        """The English name ending at `name_end`, before capitals in parentheses ('Safaricom Plc (SCOM)')."""
        code_start, code_end = self.aligned.original_span(*match.span("code"))
        written = self.body[code_start:code_end]
        if not _BARE_LETTERS.fullmatch(written) or written in _EN_GENERIC_CAPS:
            return
        if not name_end or _HAN_CHAR.match(self.text, name_end - 1) or self.known_ending_at(name_end) is not None:
            return
        start = self._name_start(name_end)
        if start is None:
            return
        words = self.text[start:name_end].split()
        # Tickers and initials open with the name's first letter: 'Innovation (DCAI)' is the end of a longer name.
        if words[-1] in _NOT_NAMED_BY_LETTERS or words[0] in _EN_GENERIC_CAPS_LOWER or \
                words[0][0] != match.group("code")[0]:
            return
        self.add(start, name_end, EntityKind.ORGANIZATION, "ticker", None, match.end(), described=True)

    def _listing(self, code: str, exchange: str | None, suffix: str | None) -> str | None:
        """The catalog company listed under the ticker; a ticker that names its market must be listed there
        ('6988-TW' is a Taiwanese company, not the Tokyo-listed 6988)."""
        if suffix or exchange:
            written = ([f"{code}.{suffix}", f"{code}-{suffix}"] if suffix else []) + \
                      ([f"{exchange}:{code}"] if exchange else [])
            entity = next((e for e in map(self.index.lookup, written) if e is not None), None)
        else:
            entity = self.index.by_ticker_code(code.upper())
        return entity.id if entity is not None else None

    def _name_start(self, end: int) -> int | None:
        """The start of the name that ends at `end`: a Han run, or capitalized words in the original."""
        if end and _HAN_CHAR.match(self.text, end - 1):
            return _han_run_before(self.text, end, self.cues)
        original_end = self.aligned.original_span(end - 1, end)[1] if end else 0
        best = None
        for match in _EN_NAME.finditer(self.body, max(0, original_end - 60), original_end):
            if match.end() == original_end:
                best = match
        if best is None:
            return None
        words = best.group().split()
        while words and self.cues.is_stopword(words[0].lower()):  # 'According to CoreWeave (CRWV)'
            words.pop(0)
        if not words:
            return None
        original_start = best.end() - len(" ".join(words))
        return self.aligned.normalized_span(original_start, best.end())[0]

    # ---------------------------------------------------------------- lists
    def lists(self) -> None:
        """Unknown items listed with catalog names of one kind take that kind ('A、B和C等')."""
        text = self.text
        for span in self.known:
            if span.kind not in (EntityKind.ORGANIZATION, EntityKind.PRODUCT):
                continue
            # Most names stand next to no list word: one character each side says so before any regex runs.
            if span.end < len(text) and text[span.end] in _JOINER_FIRST:
                self._item_after(span)
            if span.start and text[span.start - 1] in _JOINER_LAST:
                self._item_before(span)

    def _item_after(self, span: KnownSpan) -> None:
        joiner = (self.cues.zh_list_joiner.match(self.text, span.end)
                  or self.cues.en_list_joiner.match(self.text, span.end))
        if not joiner:
            return
        start = joiner.end()
        if span.kind is EntityKind.PRODUCT:
            code = _PRODUCT_CODE.match(self.text, start)
            if code and not _NOT_PRODUCT_CODE.fullmatch(code.group()):
                self.add(start, code.end(), EntityKind.PRODUCT, "list")
        elif _HAN_CHAR.match(self.text, start) and "," not in joiner.group():
            if self.cues.starts_boundary(self.text, start):
                return  # '中芯国际及其子公司': what follows the list word is no name
            end = start
            while end < len(self.text) and _HAN_CHAR.match(self.text, end) and \
                    not (end > start + 1 and self.cues.starts_list_end(self.text, end)):
                end += 1
            if 2 <= end - start <= 6 and not self.cues.descriptor_prefix_length(self.text[start:end]):
                self.add(start, end, EntityKind.ORGANIZATION, "list", described=True)
        elif not _HAN_CHAR.match(self.text, start) and not ("," in joiner.group()
                                                           and _HAN_CHAR.match(self.text, span.end - 1)):
            self._english_item(start)  # (a comma after Chinese ends a clause, not a list item)

    def _item_before(self, span: KnownSpan) -> None:
        for joiner in (self.cues.zh_list_joiner, self.cues.en_list_joiner):
            found = [m for m in joiner.finditer(self.text, max(0, span.start - 6), span.start)
                     if m.end() == span.start]
            if found:
                end = found[-1].start()
                break
        else:
            return
        if joiner is self.cues.en_list_joiner and end and _HAN_CHAR.match(self.text, end - 1):
            return  # a comma after Chinese ends a clause, not a list item
        if span.kind is EntityKind.PRODUCT:
            code = next((m for m in _PRODUCT_CODE.finditer(self.text, max(0, end - 8), end) if m.end() == end), None)
            if code and not _NOT_PRODUCT_CODE.fullmatch(code.group()):
                self.add(code.start(), end, EntityKind.PRODUCT, "list")
            return
        start = self._name_start(end)
        if start is not None and not self.cues.descriptor_prefix_length(self.text[start:end]):
            self.add(start, end, EntityKind.ORGANIZATION, "list", described=True)

    def _english_item(self, start: int) -> None:
        original = self.aligned.original_span(start, start + 1)[0]
        match = _EN_NAME.match(self.body, original)
        if match is None:
            return
        name = re.split(r"\s+(?:and|or)\s+", match.group())[0]
        if self.cues.is_stopword(name) or self.cues.is_stopword(name.split()[0]):
            return
        end = self.aligned.normalized_span(original, original + len(name))[1]
        self.add(start, end, EntityKind.ORGANIZATION, "list")

    # ---------------------------------------------------------------- descriptors and appositions
    def descriptors(self) -> None:
        ends = self.cues.zh_descriptor_ends(self.text)
        for at, descriptor_end in enumerate(ends):
            if at + 1 < len(ends) and ends[at + 1] - descriptor_end <= 2:
                continue  # '设备厂|商启衡': a longer descriptor ('厂商') goes on past this one
            start = descriptor_end
            if start < len(self.text) and self.text[start] in "“\"「『":
                start += 1
            end = _name_after(self.text, descriptor_end, self.cues)
            if end is None:
                continue
            if self.text[end - 1:end] in "”\"」』":
                end -= 1
            # '子公司京隆科技' may end in 科技; one generic character may open it ('云端业者云翎'), a word may not
            prefix = self.cues.descriptor_prefix_length(self.text[start:end])
            if not prefix or (prefix == 1 and not self.cues.is_descriptive(self.text[start + 1:end])):
                self.add(start, end, EntityKind.ORGANIZATION, "descriptor", described=True,
                         described_as=self.text[max(0, descriptor_end - 8):descriptor_end])
        for name_start in self.cues.en_descriptor_ends(self.text):
            self._english_names_from(self.aligned.original_span(name_start, name_start + 1)[0])
        for match in (*_EN_OWNED_MATCHES(self.body), *_EN_WHOSE_UNIT_MATCHES(self.body)):
            name = match.group("name")
            if name.split()[0] in _EN_GENERIC_CAPS or self.cues.is_stopword(name.split()[0].lower()):
                continue
            start, end = self.aligned.normalized_span(*match.span("name"))
            self.add(start, end, EntityKind.ORGANIZATION, "apposition")
        for match in self.cues.en_apposition_matches(self.body):
            words = match.group("name").split()
            while words and self.cues.is_stopword(words[0].lower()):
                words.pop(0)
            if not words:
                continue
            original_start = match.end("name") - len(" ".join(words))
            start, end = self.aligned.normalized_span(original_start, match.end("name"))
            self.add(start, end, EntityKind.ORGANIZATION, "apposition")

    def placed_descriptors(self) -> None:
        """A name after a place and what is made or done there: '高雄探针卡厂旭腾精测', '中卫的算力服务商云岫算力'."""
        for span in self.known:
            if span.kind is not EntityKind.PLACE:
                continue
            phrase_start = span.end + (self.text[span.end:span.end + 1] == "的")
            phrase = self.text[phrase_start:phrase_start + _PLACED_PHRASE_LONGEST]
            for tail_start, tail_end in self.cues.descriptor_tails(phrase):
                if _PHRASE_BREAK.search(phrase, 0, tail_end):
                    break
                what = phrase[:tail_start]
                if len(what) < 2 or _NOT_A_TRADE_AFTER.match(phrase, tail_end):
                    continue  # '竹南新厂扩充…', '瓜达拉哈拉厂区': a plant, not a trade that names its firm
                if (phrase[tail_start:tail_end] in BARE_COMPANY
                                and (len(what) < 2 or self.cues.descriptor_prefix_length(what) == len(what))):
                    continue  # '中国公司留下…', '美国半导体公司均匀…': the phrase must say what the company does
                start = phrase_start + tail_end
                end = _name_after(self.text, start, self.cues)
                if end is not None and not self.cues.is_descriptive(self.text[start:end]):
                    self.add(start, end, EntityKind.ORGANIZATION, "placed-descriptor", described=True)
                    break

    def placed_names(self) -> None:
        """A name right after a place and 的 that a verb follows: '苏州的澜拓热控为工业富联供应冷板' (what stands
        there and acts is a firm; '苏州的工厂', '台南的新厂' are descriptive and stay out)."""
        for span in self.known:
            if span.kind is not EntityKind.PLACE or self.text[span.end:span.end + 1] != "的":
                continue
            start = span.end + 1
            end = _name_after(self.text, start, self.cues)
            acts = self.text[end:end + 1] if end is not None else ""
            if end is None or acts not in _ACTS_AFTER_NAME or (end - start < 3 and acts not in _SUBJECT_ACTS) \
                    or self.cues.is_descriptive(self.text[start:end]):
                continue  # a two-character name only as a clause's subject: '深圳的澜存从…采购' (not '机壳与')
            self.add(start, end, EntityKind.ORGANIZATION, "placed")

    def _english_names_from(self, original: int) -> None:
        """The capitalized name at `original` (after a descriptor) and the names listed after it ('led by
        Andra Capital and SGW')."""
        while (name := _EN_NAME.match(self.body, original)) is not None:
            words = re.split(r"\s+(?:and|or)\s+", name.group())[0]
            if self.cues.is_stopword(words.split()[0].lower()):
                return  # the word after the descriptor must be capitalized: a name
            start, end = self.aligned.normalized_span(name.start(), name.start() + len(words))
            self.add(start, end, EntityKind.ORGANIZATION, "descriptor")
            joiner = _EN_JOINER.match(self.body, name.start() + len(words))
            if joiner is None:
                return
            original = joiner.end()

    def investors(self) -> None:
        """The name right before a round's investing verb is an investor: '由国投创业领投,中芯聚源跟投'."""
        for match in _ZH_ROUND_VERB_MATCHES(self.text):
            end = match.start()
            if self.known_ending_at(end) is not None:
                continue
            start = _han_run_before(self.text, end, self.cues)
            if start is not None and not self.cues.descriptor_prefix_length(self.text[start:end]):
                self.add(start, end, EntityKind.ORGANIZATION, "investor", described=True)

    def investees(self) -> None:
        """The name after an organization's '转投资的' / '入股的': what it holds a stake in
        ('中华电信转投资的中华精测')."""
        for match in _ZH_INVESTED.finditer(self.text):
            if self.known_ending_at(match.start()) is None:
                continue
            end = _name_after(self.text, match.end(), self.cues)
            if end is not None and not self.cues.is_descriptive(self.text[match.end():end]):
                self.add(match.end(), end, EntityKind.ORGANIZATION, "investee", described=True)

    def zh_appositions(self) -> None:
        """A name that the sentence says is a company: '星衍智算是一家成立于2023年的大模型应用公司'."""
        for match in _ZH_IS_A.finditer(self.text):
            phrase = self.text[match.end():match.end() + _ZH_IS_A_LONGEST]
            tails = self.cues.descriptor_tails(phrase)
            if not tails or _PHRASE_BREAK.search(phrase, 0, tails[0][0]):
                continue
            end = match.start() - (self.text[match.start() - 1:match.start()] == ",")  # '澜存,是一家…服务商'
            start = _han_run_before(self.text, end, self.cues)
            if start is not None and not self.cues.descriptor_prefix_length(self.text[start:end]):
                self.add(start, end, EntityKind.ORGANIZATION, "apposition", described=True,
                         described_as=phrase[:tails[0][0]])

    # ---------------------------------------------------------------- people, places, rules
    def people(self) -> None:
        """A name right after a title: '董事长尹志尧' (a common surname, two or three characters), 'CEO Hock Tan'.

        No word may start inside the name: '总裁谭待在发布会上' names 谭待, not 谭待在. Whatever stands right
        before the title is who the person serves ('鑫丰电通董事长许文杰', 'Lumenvale CEO Marisol Okafor').
        """
        text = self.text
        titles = self.cues.zh_titles(text)
        title_at_end = {end: start for start, end in titles}
        for title_start, start in titles:
            for length in (3, 2, 4):  # a given name of one or two characters; compound surnames make four
                end = start + length
                name = text[start:end]
                ends_there = end >= len(text) or not _HAN_CHAR.match(text, end) or self.cues.starts_boundary(text, end)
                # its last character may be a function character when the person then speaks ('董事长杨崇和此前…',
                # '董事长郭为表示'); '总裁谭待在发布会上' names 谭待
                speaks = _SPEECH_AFTER_NAME.match(text, end) is not None and name[-1:] in _NAME_ENDING_CHARS
                inner_end = end - 1 if speaks else end
                if len(name) == length and ends_there and all(_HAN_CHAR.match(ch) for ch in name) \
                        and (name[:1] in self.cues.zh_surnames or name[:2] in self.cues.zh_surnames) \
                        and not any(self._breaks_name(text, inner) for inner in range(start + 1, inner_end)):
                    self.add(start, end, EntityKind.PERSON, "title")
                    first_title = title_start
                    while text[first_title - 1:first_title] in _TITLE_CHAINS and first_title - 1 in title_at_end:
                        first_title = title_at_end[first_title - 1]  # '澜存创始人兼总经理贺知远' serves 澜存
                    self._employer(first_title)
                    break
        for founded in _ZH_FOUNDED_BY.finditer(text):  # '栖云推理由前阿里云工程师程砚创立'
            name = founded.group("name")
            if name[:1] in self.cues.zh_surnames or name[:2] in self.cues.zh_surnames:
                self.add(founded.start("name"), founded.end("name"), EntityKind.PERSON, "title")
        for title_start, start in self.cues.en_titles(text):
            match = _EN_PERSON.match(self.body, self.aligned.original_span(start, start + 1)[0])
            if match is not None:
                name_start, name_end = self.aligned.normalized_span(match.start(), match.end())
                self.add(name_start, name_end, EntityKind.PERSON, "title")
                self._employer(title_start - 1 if text[title_start - 1:title_start] == " " else title_start)

        for match in (*_EN_PERSON_WHO_HEADS_MATCHES(self.body), *_EN_PERSON_TITLE_OF_MATCHES(self.body),
                      *_EN_WHOSE_TITLE_IS_MATCHES(self.body)):
            name_start, name_end = self.aligned.normalized_span(match.start(1), match.end(1))
            self.add(name_start, name_end, EntityKind.PERSON, "title")
        for match in _EN_LED_BY_MATCHES(self.body):
            words = match.group(1).split()
            name_words: list[str] = []
            for word in reversed(words):  # the name is the run of capitalized words that ends the phrase
                if not word[:1].isupper() or word.lower() in _EN_TITLE_WORDS or not word.replace("-", "").isalpha():
                    break
                name_words.insert(0, word)
            titled = len(name_words) < len(words) and words[-len(name_words) - 1].lower() in _EN_TITLE_WORDS
            if match.group().startswith("led") and not titled:
                continue  # 'the round was led by Halcyon Ventures': led by a title-less name is as often a firm
            if 2 <= len(name_words) <= 3 and name_words[-1].lower() not in _EN_FIRM_LAST_WORDS:
                end = match.end(1)
                start = end - len(" ".join(name_words))
                name_start, name_end = self.aligned.normalized_span(start, end)
                self.add(name_start, name_end, EntityKind.PERSON, "title")
        for match in _EN_PERSON_APPOSED_MATCHES(self.body):  # 'Timotheus Höttges, Deutsche Telekom's chief executive'
            name_start, name_end = self.aligned.normalized_span(match.start(1), match.end(1))
            self.add(name_start, name_end, EntityKind.PERSON, "title")

    def _breaks_name(self, text: str, position: int) -> bool:
        """Whether a word that no given name holds starts at `position`: a word of two or more characters, or
        a function character ('总裁谭待在…'); a single character such as 达 or 约 is common in given names
        ('许文达')."""
        word = self.cues.boundary_at(text, position)
        return word is not None and (len(word) > 1 or word in _NAME_BREAKING_CHARS)

    def _employer(self, end: int) -> None:
        """The organization named right before a person's title, when the catalog lacks it."""
        if self.text[end - 2:end] in ("'s", "’s"):
            end -= 2  # "Haneul's chief executive" names Haneul
        start = self._name_start(end) if end else None
        if start is not None and not self.cues.is_generic(self.text[start:end]):
            self.add(start, end, EntityKind.ORGANIZATION, "employer")

    def places(self) -> None:
        """'a Veldhoven-based maker', 'the San Jose, California-based GPU cloud': what is based somewhere is a place."""
        for match in _EN_BASED_MATCHES(self.body):
            start, end = self.aligned.normalized_span(match.start(1), match.end(1))
            known = self.index.lookup(match.group(1))  # 'Amsterdam-based': the hyphen hid a catalog place
            if known is not None and known.kind is not EntityKind.PLACE:
                continue  # 'Nvidia-based capacity' is built on Nvidia's chips, not based in a place
            self.add(start, end, EntityKind.PLACE, "based", known.id if known is not None else None)
            named = _EN_AFTER_BASED.match(self.body, match.end())  # 'Singapore-based Megaspeed bought …'
            if named is not None and named.group(1).split()[0] not in _EN_GENERIC_CAPS:
                # a full stop after the name ends the sentence, unless the name is abbreviated ('Acme Inc.')
                stop = named.group(1).endswith(".") and not _EN_ABBREVIATION_END.search(named.group(1))
                name_start, name_end = self.aligned.normalized_span(named.start(1), named.end(1) - stop)
                self.add(name_start, name_end, EntityKind.ORGANIZATION, "based")

    def headquartered(self) -> None:
        """The name after '总部位于X的' or '总部在X的': what has its headquarters there is an organization."""
        for match in _ZH_HEADQUARTERED.finditer(self.text):
            at = bisect_left(self.known_starts, match.end())
            if at == len(self.known) or self.known[at].start != match.end() \
                    or self.known[at].kind is not EntityKind.PLACE:
                continue
            start = self.known[at].end
            while at + 1 < len(self.known) and self.known[at + 1].start == start \
                    and self.known[at + 1].kind is EntityKind.PLACE:  # '美国亚利桑那州坦佩的'
                at += 1
                start = self.known[at].end
            district = _ZH_DISTRICT.match(self.text, start)  # '北京海淀的', '新北汐止的'
            if district is not None:
                start = district.end()
            if self.text[start:start + 1] != "的":
                continue
            start += 1
            end = _name_after(self.text, start, self.cues)
            trade = _ZH_TRADE_WORD.search(self.text, start, end + 3) if end is not None else None
            after = _name_after(self.text, trade.end(), self.cues) if trade is not None else None
            described_as = ""
            if trade is not None and after is not None:  # '总部位于杭州的推理云公司栖云推理': its trade, then its name
                described_as, start, end = self.text[start:trade.end()], trade.end(), after
            if end is not None and not self.cues.is_descriptive(self.text[start:end]):
                self.add(start, end, EntityKind.ORGANIZATION, "headquartered", described=True,
                         described_as=described_as)

    def models(self) -> None:
        """Models named by the word itself: '星辰大模型', '澄言大模型' (not '国产大模型', '开源大模型')."""
        for match in _ZH_MODEL.finditer(self.text):
            start = _han_run_before(self.text, match.start(), self.cues, longest=6)
            if start is not None and not self.cues.is_generic(self.text[start:match.start()]) \
                    and not _NOT_A_MODEL_NAME.search(self.text[start:match.start()]):
                self.add(start, match.end(), EntityKind.MODEL, "model", described=True)
        for match in _ZH_QUOTED_NAME.finditer(self.text):
            start, end = match.span("name")
            if not self.cues.is_generic(match.group("name")):
                kind = EntityKind.MODEL if match.group("what").endswith("模型") else EntityKind.PRODUCT
                self.add(start, end, kind, "quoted", described=True)

    def facilities(self) -> None:
        """Data and computing centres named by their kind: '鸠兹城市智算中心', 'the Osaka Sakai Data Center',
        'its Ishikari data center'. The words before the kind must name it (not '国内智算中心', 'a new data center')."""
        for match in _ZH_FACILITY.finditer(self.text):
            start = _han_run_before(self.text, match.start(), self.cues, longest=8)
            if start is not None and not self.cues.is_descriptive(self.text[start:match.start()]) \
                    and not _NOT_A_FACILITY_NAME.search(self.text[start:match.start()]):
                self.add(start, match.end(), EntityKind.FACILITY, "facility", described=True)
        for match in _EN_FACILITY_MATCHES(self.body):
            lead = _EN_LEADING.match(match.group())
            original = match.start() + (lead.end() if lead else 0)
            if original < match.start("kind"):
                start, end = self.aligned.normalized_span(original, match.end())
                self.add(start, end, EntityKind.FACILITY, "facility")

    def policies(self) -> None:
        """Rules the catalog lacks, named as news names them: '出口管制新规', 'the December 2024 rules'."""
        for match in self.cues.zh_policy_matches(self.text):
            start, end = match.span(1)
            start += self.cues.descriptor_prefix_length(self.text[start:end]) if end - start > 6 else 0
            start = max(start, start + self.cues.last_boundary_end(self.text[start:end - 4]))
            self.add(start, end, EntityKind.POLICY, "rule")
        for match in self.cues.en_policy_matches(self.body):
            start, end = self.aligned.normalized_span(match.start(1), match.end(1))
            self.add(start, end, EntityKind.POLICY, "rule")

    def hyphenated_variants(self) -> None:
        """'GLM-4-Plus', 'H100-SXM5': a catalog product or model with more after a hyphen is a product of its own."""
        for match in _HYPHENATED.finditer(self.text):
            pieces = match.group().split("-")
            for cut in range(len(pieces) - 1, 0, -1):
                base = self.index.lookup("-".join(pieces[:cut]))
                if base is None:
                    continue
                if base.kind in (EntityKind.PRODUCT, EntityKind.MODEL):
                    self.add(match.start(), match.end(), base.kind, "variant")
                break

    def coded_variants(self) -> None:
        """'征程6P', '昆仑芯R300': a catalog product written with a model code right after it is a model of its
        own (the catalog knows the family, or another model), never the one the catalog names."""
        for span in self.known:
            if span.kind is not EntityKind.PRODUCT or not _HAN_CHAR.match(self.text, span.end - 1):
                continue
            code = _VARIANT_CODE.match(self.text, span.end)
            if code is not None:
                self.add(span.start, code.end(), EntityKind.PRODUCT, "coded-variant", described=True, over_known=True)
        for span in self.known:  # '中国移动研究院': a known firm's institute or branch is an organization of its own
            if span.kind is EntityKind.ORGANIZATION:
                unit = _ZH_UNIT_AFTER_FIRM.match(self.text, span.end)
                if unit is not None:
                    self.add(span.start, unit.end(), EntityKind.ORGANIZATION, "coded-variant", described=True,
                             over_known=True)
        for span in self.known:  # 'Snapdragon X2 Elite', 'Jetson Thor': a family named in letters, then a model
            if span.kind is not EntityKind.PRODUCT or not self.text[span.start:span.end].isalpha() \
                    or not self.text[span.start:span.end].isascii():
                continue
            code = _EN_FAMILY_MODEL.match(self.text, span.end)
            if code is not None and not _NOT_FAMILY_MODEL.fullmatch(code.group(1)) \
                    and self.free(span.end + 1, code.end()) \
                    and self.body[self.aligned.original_span(span.end + 1, span.end + 2)[0]].isupper():
                self.add(span.start, code.end(), EntityKind.PRODUCT, "coded-variant", described=True, over_known=True)

    # ---------------------------------------------------------------- product codes
    def product_codes(self) -> None:
        for match in _NUMBERED_NAME_MATCHES(self.text):  # '深算三号', '飞星一号': Chinese products are numbered
            start = match.start() + self.cues.last_boundary_end(match.group()[:-2])
            if match.end() - start >= 4:
                self.add(start, match.end(), EntityKind.PRODUCT, "numbered")
        for match in _PRODUCT_CODE.finditer(self.text):
            start, end = match.span()
            if _NOT_PRODUCT_CODE.fullmatch(match.group()) or not self.free(start, end):
                continue
            if self._framed_as_product(start, end) or _EN_CHIP_WORD_AFTER.match(self.text, end):
                self.add(start, end, EntityKind.PRODUCT, "product-code")
        for match in _LETTER_DIGIT.finditer(self.text):  # 'the K2 inference accelerator': only before a chip word
            if _EN_CHIP_WORD_AFTER.match(self.text, match.end()) and self.free(match.start(), match.end()):
                self.add(match.start(), match.end(), EntityKind.PRODUCT, "product-code")
        for match in (*_EN_CODE_APPOSED_TO_CHIP.finditer(self.text), *_ZH_CHIP_WORD_THEN_CODE.finditer(self.text)):
            start, end = match.span(1)
            if not _NOT_PRODUCT_CODE.fullmatch(match.group(1)) and self.free(start, end) \
                    and self.body[self.aligned.original_span(start, end)[0]].isupper():
                self.add(start, end, EntityKind.PRODUCT, "product-code")
        for match in _ZH_CODED_NAME.finditer(self.text):  # '马赫100', '曦云c600', '邃思3.0'
            start, end = match.span()
            if self.cues.is_generic(self.text[start:start + 2]) or self.cues.starts_boundary(self.text, start) \
                    or not self.free(start, end):
                continue  # '供应800G交换机': a verb before a code is no part of its name
            if self._framed_as_product(start, end) or self.text[max(0, start - 3):start] in _ZH_MADE_BEFORE:
                self.add(start, end, EntityKind.PRODUCT, "product-code")

    def made_names(self) -> None:
        """A Latin name right after a maker and its '自主研发的': '力旺自主研发的NeoFuse', '华邦电自主开发的CUBE'."""
        for match in _ZH_MADE_LATIN_MATCHES(self.text):
            maker_end = match.start()
            parenthesis = _TRAILING_PARENTHESIS.search(self.text, max(0, maker_end - 24), maker_end)
            span = self.known_ending_at(parenthesis.start() if parenthesis else maker_end)  # '力旺(3529)自主研发的
            start, end = self.aligned.original_span(match.start(1), match.end(1))
            written = self.body[start:end]
            if span is None or span.kind is not EntityKind.ORGANIZATION or not written[0].isupper() \
                    or written.split()[0] in _EN_GENERIC_CAPS:
                continue  # '华为自研的AI芯片' names no product
            self.add(match.start(1), match.end(1), EntityKind.PRODUCT, "made-name")

    def _framed_as_product(self, start: int, end: int) -> bool:
        """Whether what stands around [start, end) says it is a product: a product word after it, its maker or a
        chip word right before it ('英伟达B30A', '训练芯片QX-100'), what its maker did right before it ('自研的LJ-T2'),
        or its maker's passive after it ('由…研发')."""
        return bool(self.cues.product_word.match(self.text, end) or self._after_maker(start)
                    or _ZH_PRODUCT_WORD_BEFORE.search(self.text, max(0, start - 4), start)
                    or self.text[max(0, start - 3):start] in _ZH_MADE_BEFORE
                    or _ZH_MADE_BY_AFTER.match(self.text, end))

    def _after_maker(self, start: int) -> bool:
        """Right after an organization's name ('英伟达B30A', "AMD's MI355X"), as makers' products are written."""
        for gap in ("", " ", "'s ", "’s ", "的"):
            span = self.known_ending_at(start - len(gap)) if start >= len(gap) else None
            if span is not None and span.kind is EntityKind.ORGANIZATION and self.text[start - len(gap):start] == gap:
                return True
        return False


def discover(aligned: AlignedText, body: str, known: Iterable[KnownSpan], index: AliasIndex,
             cues: NameCues | None = None) -> list[Discovery]:
    """Names in `body` (aligned is `align(body)`) that the catalog lacks, found by their context, in text order.

    Strongest signals first, so a ticker's name is never cut short by a weaker reading of the same words.
    """
    finder = _Finder(aligned, body, list(known), index, cues or default_name_cues())
    finder.tickers()
    finder.short_forms()
    finder.people()
    finder.policies()
    finder.facilities()
    finder.headquartered()
    finder.models()
    finder.places()
    finder.descriptors()
    finder.placed_descriptors()
    finder.placed_names()
    finder.zh_appositions()
    finder.investors()
    finder.investees()
    finder.hyphenated_variants()
    finder.coded_variants()
    finder.made_names()
    finder.lists()
    finder.product_codes()
    return sorted(finder.found)
