"""Organizations the catalog does not know, recognised by how company names end.

Chinese company names end in a small set of words (科技, 智能, 信息, 集团, 有限公司 …) and English
ones in Technologies, Inc., Ltd., Corp. and the like. The hard part is where a Chinese name starts,
since there are no spaces: the name is cut after the last function word (的, 是, 向 …) and
descriptive words (国内, 芯片, 创业 …) are peeled off its front, so '一家叫声智科技的公司' yields
'声智科技' and '国内科技公司' yields nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from computekg.loaders.ingest.aligned import AlignedText
from computekg.loaders.ingest.cues import default_name_cues
from computekg.loaders.word_finder import WordFinder

__all__ = ["chinese_short_form", "find_new_organizations", "reads_as_chinese_name"]

# Longer forms first: the name takes the longest suffix written.
_ZH_SUFFIX_WORDS = ("股份有限责任公司", "股份有限公司", "有限责任公司", "有限公司", "集团", "控股", "科技", "智能",
                    "智慧", "信息", "公司", "半导体", "微电子", "资本", "创投", "银行", "证券", "基金", "电子", "光电",
                    "智算", "精密", "金控", "材料", "大学")
_ZH_SUFFIX = "(?:" + "|".join(_ZH_SUFFIX_WORDS) + ")"
_MIN_PREFIX, _MAX_PREFIX = 2, 10
# A name that runs on past a suffix word into a legal form: '…智算' + '力科技有限公司'.
_CONTINUED = re.compile(r"[\u4e00-\u9fff]{1,3}?(?P<legal>股份有限责任公司|股份有限公司|有限责任公司|有限公司|集团)")


def _word_starts(words: tuple[str, ...]) -> re.Pattern[str]:
    """Finds where any of `words` starts, overlapping ones included: '有' of '有限公司' and '公' of its '公司'.

    Each match is one first character with the rest of a word looked ahead for, so the regex engine
    can skip straight to the few characters that start a word.
    """
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(re.escape(word[1:]))
    return re.compile("|".join(f"{re.escape(first)}(?={'|'.join(ends)})" for first, ends in rests.items()))


_ZH_SUFFIX_START = _word_starts(_ZH_SUFFIX_WORDS)
_ZH_SUFFIX_RUN = re.compile(rf"{_ZH_SUFFIX}+")
_HAN_TAIL = re.compile(r"[\u4e00-\u9fff]+\Z")  # searched with an end position: the Han run ending there
_STOP_CHARS = set("的是在和与及或向从给对为被把将由于据称说叫让等也都又就而并其该这那此各每家个位名"
                  "了着过到里内外以跟同像如很许多少些")
_GENERIC_TEXT = (
    "国内 国外 海外 上柜 兴柜 中国 美国 全球 本土 头部 大型 小型 中小 科技 芯片 半导体 创业 初创 互联网 上市 云计算 "
    "人工智能 大模型 模型 算力 投资 咨询 代工 服务器 设计 研究 数据 整机 显卡 量化 一 两 三 多 某 这类 相关 "
    "知名 著名 其他 其它 另一 另 同 所有 主要 型 背景 国资 民营 外资 软件 硬件 通信 电子 信息 智能 网络 汽车 电商 游戏 "
    "安全 能源 公司 企业 厂商 合作 竞争 服务 平台 技术 科研 传统 集团 控股 商业 生物 医疗 金融 创新 自动驾驶 机器人 "
    "应用 终端 手机 存储 制造 材料 设备 光刻 封装 测试 晶圆 基金 资本 创投 证券 银行 当时 还有 其中 "
    "以及 有些 多数 少数 几家 各大 这些 那些 部分 一些 智驾 自研 新进者 新进"
)
# Any run of descriptive words at the start, longest word first at each step.
_GENERIC_RUN = re.compile("(?:" + "|".join(sorted(_GENERIC_TEXT.split(), key=len, reverse=True)) + ")*")
# Words that end common phrases rather than names when a suffix follows ('人工智能', '公开信息').
_PHRASE_ENDS = re.compile(r"(?:全资子?|控股子?|参股子?|人工|通用|生成式|公开|相关|更多|个人|用户|敏感|虚假|获取|市场|"
                          r"行业|产业|商业|交通|医疗|金融|工业|家居|机器|计算|政府|内部|外部|最新|重要|关键|核心|基础|数字|前沿|高|黑|国家|"
                          r"询问|回复|回应|表示|认为|透露|了解|提问|问)$")
# What a suffix word begins rather than ends when these follow: '科技园区' is a park, '电子产品' a product.
_NOT_A_NAME_AFTER = re.compile(r"园区|园|产业|领域|板块|类|股|部门|大学|学院|城|中心|产品|行业|业务|概念|设备|元件|"
                               r"零组件|企业|厂商|集群|服务|平台|基础设施|能力|需求|资源|项目|规模|制造|加工|仪器|零件|"
                               r"零部件|部件")
_EN_LEGAL_FORM = r"Inc\.?|Ltd\.?|Limited|Corp\.?|Corporation|Co\.|LLC|GmbH|PLC|plc"
_EN_SUFFIX = (r"(?:Technologies|Technology|Semiconductors?|Systems|Labs?|Computing|Holdings|Group|Capital|Ventures|"
              rf"Networks|Robotics|Microelectronics|Electronics|{_EN_LEGAL_FORM}|Compute|Cloud|Digital|Energy|"
              r"Partners|Photonics|Silicon|Infrastructure|Data Cent(?:er|re)s)")
# Strings one of which every `_EN_SUFFIX` contains ('Semiconductor' for 'Semiconductors', 'Co' for 'Corp.').
_EN_SUFFIX_WORDS = ("Technolog", "Semiconductor", "Systems", "Lab", "Computing", "Holdings", "Group", "Capital",
                    "Ventures", "Networks", "Robotics", "lectronics", "Inc", "Ltd", "Limited", "Co", "LLC", "GmbH",
                    "PLC", "plc", "Compute", "Cloud", "Digital", "Energy", "Partners", "Photonics", "Silicon",
                    "Infrastructure", "Data Cent")
# A legal form or group word may follow the first suffix: 'Acme Compute Inc.', 'Tallgrass Digital Holdings'.
_EN_MORE_SUFFIX = rf"(?:,?\s+(?:{_EN_LEGAL_FORM}|Holdings|Group))?"
# Bounded by Latin letters and digits, not by `\b`: a Chinese story runs an English name into its own words
# ('旗下創投Vertex Ventures共同領投'), and a Han character is a word character to `\b`.
_LATIN = "A-Za-z0-9À-ÖØ-öø-ÿ"
_EN_NAME = re.compile(rf"(?<![{_LATIN}&'’-])(?P<name>(?:[A-Z][{_LATIN}&'’-]*\s+){{1,3}}?{_EN_SUFFIX}{_EN_MORE_SUFFIX})"
                      rf"(?![{_LATIN}_-])")
_EN_LEADING = re.compile(r"^(?:(?:The|A|An|In|On|At|By|For|From|To|With|And|But|Of|As|Its|Their|Chinese|American|"
                         r"US|U\.S\.|Taiwanese|Korean|Japanese|British|European|Dutch)\s+)+")


def _strip_generic(prefix: str) -> str:
    """Peel descriptive words off the front of a Chinese name candidate."""
    return prefix[_GENERIC_RUN.match(prefix).end():]  # type: ignore[union-attr]  # `*` always matches


def _name_matches(text: str) -> Iterator[tuple[int, int, int]]:
    """Chinese name candidates as (start, suffix start, end): 2 to 10 Han characters, then suffix words.

    The leftmost and, from there, shortest such strings, as the regex
    `(?P<prefix>[Han]{2,10}?)(?P<suffix>{_ZH_SUFFIX}+)` would find them; its start is where the run of Han
    characters before the first reachable suffix word begins (at most 10 back), and its prefix ends at
    the first suffix word at least 2 characters on (the prefix is lazy). Regex searches that tried
    every prefix length at every start cost more than the rest of the extractor's name finding.
    """
    suffix_starts = [m.start() for m in _ZH_SUFFIX_START.finditer(text)]
    position = 0
    candidate = bisect_left(suffix_starts, _MIN_PREFIX)
    while candidate < len(suffix_starts):
        suffix = suffix_starts[candidate]
        run = _HAN_TAIL.search(text, max(position, suffix - _MAX_PREFIX), suffix)
        if run is None or suffix - run.start() < _MIN_PREFIX:
            candidate += 1
            continue
        start = run.start()
        first = suffix_starts[bisect_left(suffix_starts, start + _MIN_PREFIX)]  # the lazy prefix's end
        end = _ZH_SUFFIX_RUN.match(text, first).end()  # type: ignore[union-attr]  # a suffix starts there
        yield start, first, end
        position = end
        candidate = bisect_left(suffix_starts, position + _MIN_PREFIX)


def _chinese(aligned: AlignedText) -> list[tuple[int, int]]:
    spans = []
    cues = default_name_cues()
    taken_until = 0
    for match_start, suffix_start, match_end in _name_matches(aligned.text):
        if match_start < taken_until:
            continue  # inside a name already read to its later ending
        longer = _CONTINUED.match(aligned.text, match_end)
        if longer is not None:  # '申智算力科技有限公司': '智算' ends a word inside the name, not the name
            suffix_start, match_end = longer.start("legal"), longer.end()
        prefix = aligned.text[match_start:suffix_start]
        cut = max(max((i for i, ch in enumerate(prefix) if ch in _STOP_CHARS), default=-1) + 1,
                  cues.last_boundary_end(prefix), cues.last_descriptor_tail_end(prefix))
        core = _strip_generic(prefix[cut:])
        if len(core) < 2 or _PHRASE_ENDS.search(core) or _NOT_A_NAME_AFTER.match(aligned.text, match_end):
            continue
        start = suffix_start - len(core)
        if start == match_start and match_start and aligned.text[match_start - 1].isascii() \
                and aligned.text[match_start - 1].isalnum():
            continue  # 'A股上市子公司': the name would start inside a word begun in Latin letters ('QX-100由…' is cut)
        spans.append(aligned.original_span(start, match_end))
        taken_until = match_end
    return spans


_EN_SUFFIX_FINDER = WordFinder(_EN_SUFFIX_WORDS)


def _may_name_english(text: str) -> bool:
    """False when `_EN_NAME` cannot match `text`: no suffix word in it (most Chinese pages)."""
    return _EN_SUFFIX_FINDER.any_in(text)


def _english(body: str) -> list[tuple[int, int]]:
    if not _may_name_english(body):
        return []
    spans = []
    for match in _EN_NAME.finditer(body):
        name = match.group("name")
        lead = _EN_LEADING.match(name)
        start = match.start("name") + (lead.end() if lead else 0)
        words = body[start:match.end("name")].split()
        if len(words) >= 2:
            spans.append((start, match.end("name")))
    return spans


def reads_as_chinese_name(text: str) -> bool:
    """Whether all of `text` is a Chinese company name by its ending ('穹析微电子'), as `find_new_organizations`
    would find it; what a place before it leaves ('上海' + '穹析微电子') is checked this way."""
    for match_start, suffix_start, match_end in _name_matches(text):
        core = _strip_generic(text[match_start:suffix_start])
        return (match_start == 0 and match_end == len(text) and len(core) == suffix_start
                and not _PHRASE_ENDS.search(core))
    return False


_SHORT_FORM_LONGEST = 4
_ZH_SUFFIX_AT_END = re.compile(rf"{_ZH_SUFFIX}+$")


def chinese_short_form(name: str) -> str | None:
    """What a story calls a firm named by its ending once it has named it in full: '墨衡智能' is '墨衡', '万峡数据'
    '万峡'. None when `name` does not read as such a name or what is left is too short or long to be a name."""
    if not reads_as_chinese_name(name):
        return None
    ending = _ZH_SUFFIX_AT_END.search(name)
    stem = name[:ending.start()] if ending else name
    if not 2 <= len(stem) <= _SHORT_FORM_LONGEST or default_name_cues().is_generic(stem):
        return None
    return stem


def find_new_organizations(aligned: AlignedText, body: str) -> list[tuple[int, int]]:
    """Original-text spans of names that read as organization names (`aligned` is `align(body)`)."""
    return sorted(set(_chinese(aligned)) | set(_english(body)))
