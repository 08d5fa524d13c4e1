"""Load the cue lexicon (`cues.yaml`): the words and patterns the offline extractor reads relations with.

All language knowledge of the extractor lives in that one YAML file, so adding a cue word or a
pattern is a data change that is validated here: an unknown macro, a type that is not a `RelType`,
a group that an emission names but the pattern lacks, or a pattern that does not compile is a
`CueLexiconError` naming the rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import ahocorasick
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from computekg.graph.schema import EntityKind, FactStatus, OrgRole, RelType
from computekg.loaders.ingest.pattern_literals import gated_finditer, required_literals

__all__ = [
    "KIND_LETTERS", "CompiledLexicon", "CompiledRule", "CueLexicon", "CueLexiconError", "CueRule", "Emission",
    "NameWords", "NameCues", "compile_lexicon", "default_lexicon", "default_name_cues", "read_lexicon",
]

# The letter that marks each kind of name in a templated sentence (⟦O3⟧ is the 4th name, an organization).
KIND_LETTERS: dict[EntityKind, str] = {
    EntityKind.ORGANIZATION: "O", EntityKind.PRODUCT: "P", EntityKind.MODEL: "M", EntityKind.FACILITY: "F",
    EntityKind.POLICY: "L", EntityKind.PERSON: "H", EntityKind.PLACE: "G",
}
_KIND_MACROS = {"ORG": "O", "PRODUCT": "P", "MODEL": "M", "FACILITY": "F", "POLICY": "L", "PERSON": "H", "PLACE": "G",
                "RIVAL": "OPM", "USER": "OMFP", "ACTOR": "OH", "SITE": "OF", "COMPUTE": "PF", "ANY": "OPMFLHG"}
# A name macro matches a list of such names too ('为⟦O2⟧、⟦O3⟧等客户提供算力'): the group then holds the list,
# its first name binds and the relation reader extends the group to the rest (relations._coordinated).
_LIST_JOIN = "(?:、|和|与|及|以及|, and |, | and )"
_TOKEN = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class CueLexiconError(ValueError):
    """The cue lexicon is malformed; the message names the rule or entry."""


@dataclass(frozen=True)
class Emission:
    """One relation a match states: `type` from the entity in group `subject` to the one in group `object`."""

    type: RelType
    subject: str
    object: str


class CueRule(BaseModel):
    """One pattern of the lexicon (see the header of cues.yaml for the meaning of each key)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    emit: tuple[str, ...] = Field(min_length=1)
    pattern: str
    confidence: float = Field(gt=0.0, le=1.0)
    subject_roles: frozenset[str] = frozenset()
    retype: dict[str, tuple[RelType, ...]] = Field(default_factory=dict)
    collect: Literal["before"] | None = None
    pairing: Literal["positional"] | None = None
    parent: bool = False
    specific_object: bool = False
    object_subkinds: frozenset[str] = frozenset()
    overrides: tuple[RelType, ...] = ()
    status: FactStatus | None = None  # what the rule's own words say: '出售子公司' ends a parent relation
    status_in: Literal["clause", "match"] = "clause"  # where status words count: the clause, or the match only
    single: frozenset[str] = frozenset()  # groups that never extend to a list: the parent right before '旗下'

    @field_validator("retype", mode="before")
    @classmethod
    def _one_or_more_types(cls, value: object) -> object:
        if isinstance(value, dict):
            return {key: [types] if isinstance(types, str) else types for key, types in value.items()}
        return value

    @field_validator("emit")
    @classmethod
    def _emissions_are_well_formed(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            parts = item.split()
            if len(parts) != 3 or parts[0] not in RelType.__members__:
                raise ValueError(f"emit entry {item!r} is not 'TYPE subject-group object-group'")
        return value

    def emissions(self) -> tuple[Emission, ...]:
        return tuple(Emission(RelType(t), s, o) for t, s, o in (item.split() for item in self.emit))


class NameWords(BaseModel):
    """The words that tell where a name the catalog lacks stands (the `names:` section of cues.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    zh_boundaries: tuple[str, ...]
    zh_generic: tuple[str, ...]
    zh_descriptors: tuple[str, ...]
    zh_list_ends: tuple[str, ...]
    en_stopwords: tuple[str, ...]
    en_descriptors: tuple[str, ...]
    en_appositives: tuple[str, ...]
    zh_surnames: tuple[str, ...]
    zh_descriptor_tails: tuple[str, ...]
    zh_policy_endings: tuple[str, ...]
    en_policy_endings: tuple[str, ...]
    role_endings: dict[OrgRole, tuple[str, ...]]
    product_words: tuple[str, ...]


class CueLexicon(BaseModel):
    """The whole lexicon as written in cues.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    macros: dict[str, str]
    cues: dict[str, tuple[str, ...]]
    status: dict[FactStatus, tuple[str, ...]]
    sentence_status: dict[FactStatus, tuple[str, ...]] = Field(default_factory=dict)
    negation: tuple[str, ...]
    hedges: tuple[str, ...]
    names: NameWords
    rules: tuple[CueRule, ...]


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready to run; `triggers`: sets of strings, every match contains one string of each."""

    rule: CueRule
    regex: re.Pattern[str]
    emissions: tuple[Emission, ...]
    triggers: tuple[frozenset[str], ...] = ()


# Characters too common in templated sentences to be worth a trigger: placeholder brackets and numbers,
# and the letters of organizations and products, which nearly every sentence with two names holds.
# A placeholder of a rarer kind ('⟦G' for a place, '⟦F' for a facility) is a good trigger.
_COMMON_TEMPLATE_CHARS = "⟦⟧0123456789" + KIND_LETTERS[EntityKind.ORGANIZATION] + KIND_LETTERS[EntityKind.PRODUCT]
_MAX_REMEMBERED = 4096  # combinations of trigger bits whose rules are kept


@dataclass(frozen=True)
class CompiledLexicon:
    """Ready-to-run patterns plus the status, negation and hedge matchers."""

    rules: tuple[CompiledRule, ...]
    status: tuple[tuple[FactStatus, re.Pattern[str]], ...]
    negation: re.Pattern[str]
    hedges: re.Pattern[str]
    sentence_status: tuple[tuple[FactStatus, re.Pattern[str]], ...] = ()

    def rules_for(self, text: str) -> tuple[CompiledRule, ...]:
        """The rules that can match somewhere in `text`, in lexicon order: those with every trigger set in it.

        One Aho-Corasick pass replaces trying every pattern on every sentence, the extractor's
        largest cost; the rules themselves still decide, so no answer changes. Each trigger set is a
        bit: a string found sets the bits of the sets it belongs to, and a rule qualifies when all of
        its bits are set (a rule without triggers always qualifies). Sentences set few distinct
        combinations of bits, so the rules of each combination are worked out once.
        """
        index = self._trigger_index
        found = 0
        if index.automaton is not None:
            for _, bits in index.automaton.iter(text):
                found |= bits
        rules = index.rules_of_found.get(found)
        if rules is None:
            if len(index.rules_of_found) >= _MAX_REMEMBERED:
                index.rules_of_found.clear()
            rules = tuple(compiled for compiled, needed in zip(self.rules, index.needed, strict=True)
                          if found & needed == needed)
            index.rules_of_found[found] = rules
        return rules

    @cached_property
    def _trigger_index(self) -> _TriggerIndex:
        bits_of: dict[str, int] = {}
        needed: list[int] = []
        bit_count = 0
        for compiled in self.rules:
            mask = 0
            for strings in compiled.triggers:
                bit = 1 << bit_count
                bit_count += 1
                for string in strings:
                    bits_of[string] = bits_of.get(string, 0) | bit
                mask |= bit
            needed.append(mask)
        automaton = None
        if bits_of:
            automaton = ahocorasick.Automaton()
            for string, bits in bits_of.items():
                automaton.add_word(string, bits)
            automaton.make_automaton()
        return _TriggerIndex(automaton, tuple(needed))


@dataclass(frozen=True)
class _TriggerIndex:
    """Trigger strings to bits (one bit per trigger set), each rule's bits, the rules of each combination seen."""

    automaton: ahocorasick.Automaton | None
    needed: tuple[int, ...]
    rules_of_found: dict[int, tuple[CompiledRule, ...]] = field(default_factory=dict)


def _alternation(words: tuple[str, ...]) -> str:
    """Longest word first; an entry written 're:…' is a regular expression, any other a literal word."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(w[3:] if w.startswith("re:") else re.escape(w) for w in ordered) + ")"


def _expand(pattern: str, lexicon: CueLexicon, rule_id: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in _KIND_MACROS:
            one = f"⟦[{_KIND_MACROS[name]}]\\d+⟧"
            return f"{one}(?:{_LIST_JOIN}{one})*"
        if name in lexicon.macros:
            return lexicon.macros[name]
        if name in lexicon.cues:
            return _alternation(lexicon.cues[name])
        raise CueLexiconError(f"rule {rule_id}: unknown macro or cue list {{{name}}}")

    return _TOKEN.sub(replace, pattern)


def _compile(pattern: str, what: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as error:
        raise CueLexiconError(f"{what}: invalid pattern: {error}") from error


def compile_lexicon(lexicon: CueLexicon) -> CompiledLexicon:
    """Expand every macro and compile every pattern; raises `CueLexiconError`."""
    rules = []
    seen: set[str] = set()
    for rule in lexicon.rules:
        if rule.id in seen:  # a candidate names the rule that read it: two rules of one name hide which did
            raise CueLexiconError(f"rule {rule.id}: two rules have this id")
        seen.add(rule.id)
        regex = _compile(_expand(rule.pattern, lexicon, rule.id), f"rule {rule.id}")
        emissions = rule.emissions()
        for emission in emissions:
            needed = {emission.subject} if rule.collect else {emission.subject, emission.object}
            missing = needed - set(regex.groupindex)
            if missing:
                raise CueLexiconError(f"rule {rule.id}: emit names group(s) {sorted(missing)} the pattern lacks")
        triggers = required_literals(regex.pattern, weak=_COMMON_TEMPLATE_CHARS)
        rules.append(CompiledRule(rule, regex, emissions, triggers))
    status = tuple((name, _compile(_alternation(words), f"status {name}")) for name, words in lexicon.status.items())
    sentence_status = tuple((name, _compile(_alternation(words), f"sentence_status {name}"))
                            for name, words in lexicon.sentence_status.items())
    negation = _compile("|".join(lexicon.negation), "negation")
    hedges = _compile(_alternation(lexicon.hedges), "hedges")
    return CompiledLexicon(tuple(rules), status, negation, hedges, sentence_status)


def read_lexicon(path: Path | None = None) -> CueLexicon:
    """The lexicon in `path` (default: the bundled cues.yaml), validated."""
    text = (path.read_text(encoding="utf-8") if path is not None
            else resources.files("computekg.loaders.ingest").joinpath("cues.yaml").read_text(encoding="utf-8"))
    try:
        return CueLexicon.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as error:
        raise CueLexiconError(f"{path or 'cues.yaml'}: {error}") from error


@lru_cache(maxsize=1)
def default_lexicon() -> CompiledLexicon:
    """The bundled lexicon, compiled once."""
    return compile_lexicon(read_lexicon())


_HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN = re.compile(f"[{_HAN_CHARS}]")
# Name words start with a letter or digit, so a capitalized English name is any run of them.
_EN_NAME_WORDS = r"(?:[A-Z][A-Za-z0-9&'’.-]*|[a-z]+[A-Z][A-Za-z0-9&'’.-]*)(?:\s+[A-Z][A-Za-z0-9&'’.-]*){0,3}"


class NameCues:
    """`NameWords` ready to test text with: boundary and generic words by first character, compiled patterns.

    Chinese cue words of the relation lexicon are boundaries as well: a name never runs into '采购' or '投资'.
    """

    def __init__(self, words: NameWords, cue_words: tuple[str, ...] = (), titles: tuple[str, ...] = ()) -> None:
        boundaries = {w for w in (*words.zh_boundaries, *cue_words) if w and _HAN.match(w)}
        self._boundaries = self._by_first_char(boundaries)
        self._boundary_words = _automaton(boundaries)
        self._list_ends = self._by_first_char(words.zh_list_ends)
        self._generic = frozenset(words.zh_generic)
        self._generic_tail_lengths = sorted({len(w) for w in self._generic if len(w) >= 2}, reverse=True)
        self._generic_prefix = re.compile(_words_pattern(words.zh_generic) + "*")
        self._stopwords = frozenset(words.en_stopwords)
        self._zh_descriptors = _automaton(words.zh_descriptors)
        self._descriptor_tails = _automaton(words.zh_descriptor_tails)
        self._en_descriptors = _automaton(words.en_descriptors)
        self._zh_titles = _automaton(t for t in titles if _HAN.match(t) or t.isascii())
        self._en_title_matches = gated_finditer(
            re.compile(r"(?<![a-z-])" + _words_pattern(t for t in titles if t.isascii()) + r",? (?=[a-z])"))
        self.zh_surnames = frozenset(words.zh_surnames)
        policy_endings = _words_pattern(words.zh_policy_endings)
        policy_longest = 14  # Han characters before the ending
        self.zh_policy = re.compile(
            rf"[「“\"]?((?:[{_HAN_CHARS}]){{0,{policy_longest}}}?{policy_endings})[」”\"]?")
        # Tried at every position, these patterns are slow; `*_policy_matches` give the same matches, trying
        # each pattern only where its ending words say a match may be.
        self.zh_policy_matches = _matches_before_words(self.zh_policy, words.zh_policy_endings,
                                                       reach=1 + policy_longest)  # an opening quote, the name
        self.en_policy = re.compile(
            r"(?<![A-Za-z])(?:the |its |a )?((?:(?:January|February|March|April|May|June|July|August|September|October|"
            r"November|December)(?: \d{1,2},?)? \d{4}|\d{4}|U\.S\.|US|American|Dutch|Japanese|Chinese|Taiwanese|"
            r"European|EU|Korean|[A-Z][a-z]+|AI [Dd]iffusion)"
            r"(?: (?:export|chip|AI|technology|trade|licen[cs]e|licensing|permit|export licen[cs]e))? "
            + _words_pattern(words.en_policy_endings) + r")\b")
        self.en_policy_matches = _matches_on_lines_with(self.en_policy, words.en_policy_endings)
        self.zh_list_joiner = re.compile(r"(?:、|和|与|及|以及|或)\s*")
        self.en_list_joiner = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*&\s*)")
        self.en_apposition_matches = gated_finditer(re.compile(
            rf"(?<![A-Za-z0-9&'’.-])(?P<name>{_EN_NAME_WORDS}),\s+(?:a|an|the)\s+(?:[\w$.,-]+\s+){{0,5}}?"
            rf"(?i:{_words_pattern(words.en_appositives)[3:-1]})s?\b"))
        self.product_word = re.compile(r"\s?" + _words_pattern(words.product_words) + r"(?![a-z])")
        self._role_endings: dict[str, set[OrgRole]] = {}
        for role, endings in words.role_endings.items():
            for ending in endings:
                self._role_endings.setdefault(ending, set()).add(role)
        self._ending_lengths = sorted({len(e) for e in self._role_endings})

    def guess_roles(self, normalized_name: str, *, phrase: bool = False) -> frozenset[OrgRole]:
        """What a new organization's name says it does: '…云' a cloud, '…资本' an investor, '…半导体' chips. A
        descriptive `phrase` ('算力' of '算力租赁公司') may be its ending whole; a name is more than its ending."""
        name = normalized_name.rstrip(" .")
        roles: set[OrgRole] = set()
        for length in self._ending_lengths:
            if length < len(name) or (phrase and length == len(name)):
                roles |= self._role_endings.get(name[-length:], set())
        return frozenset(roles)

    def without_trade_tail(self, phrase: str) -> str:
        """A descriptive phrase without the word for a company that ends it: 'gpu云服务商' is 'gpu云'."""
        ends = [end + 1 - length for end, length in self._descriptor_tails.iter(phrase) if end + 1 == len(phrase)]
        stem = phrase[:min(ends)] if ends else phrase
        return stem[:-2] if stem.endswith(("服务", "供应", "租赁", "运营")) else stem

    def zh_titles(self, text: str) -> list[tuple[int, int]]:
        """Where a title ('董事长', 'CEO', '总经理') starts and ends in lower-case text, the longest at each end."""
        longest: dict[int, int] = {}
        for end, length in self._zh_titles.iter(text):
            longest[end + 1] = max(length, longest.get(end + 1, 0))
        return sorted((end - length, end) for end, length in longest.items())

    def en_titles(self, text: str) -> list[tuple[int, int]]:
        """Where an English title ('chief executive', 'ceo') starts, and where the name after it starts."""
        return [(match.start(), match.end()) for match in self._en_title_matches(text)]

    def zh_descriptor_ends(self, text: str) -> list[int]:
        """Where a Chinese descriptor word ends ('供应商', 'AI创业公司'), the longest at each end, in order."""
        return sorted({end + 1 for end, _ in self._zh_descriptors.iter(text)})

    def en_descriptor_ends(self, text: str) -> list[int]:
        """Where the name after an English descriptor (startup, cloud provider) starts, in lower-case text."""
        ends = []
        for end, length in self._en_descriptors.iter(text):
            start, after = end + 1 - length, end + 1
            if (start == 0 or not (text[start - 1].isalpha() or text[start - 1] == "-")) \
                    and text[after:after + 1] == " " and text[after + 1:after + 2].isalpha():
                ends.append(after + 1)
        return sorted(set(ends))

    @staticmethod
    def _by_first_char(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
        grouped: dict[str, list[str]] = {}
        for word in words:
            grouped.setdefault(word[0], []).append(word)
        return {first: tuple(sorted(group, key=len, reverse=True)) for first, group in grouped.items()}

    @staticmethod
    def _word_at(table: dict[str, tuple[str, ...]], text: str, position: int) -> str | None:
        if position >= len(text):
            return None
        return next((w for w in table.get(text[position], ()) if text.startswith(w, position)), None)

    def starts_boundary(self, text: str, position: int) -> bool:
        """Whether a word that cannot be part of a Chinese name starts at `position`."""
        return self._word_at(self._boundaries, text, position) is not None

    def boundary_at(self, text: str, position: int) -> str | None:
        """The word that cannot be part of a Chinese name starting at `position`, if any."""
        return self._word_at(self._boundaries, text, position)

    def starts_list_end(self, text: str, position: int) -> bool:
        return self._word_at(self._list_ends, text, position) is not None or self.starts_boundary(text, position)

    def last_boundary_end(self, run: str) -> int:
        """Where the part of `run` after its last boundary word starts (0 when it holds none)."""
        return max((end + 1 for end, _ in self._boundary_words.iter(run)), default=0)

    def last_descriptor_tail_end(self, run: str, *, keep: int = 2) -> int:
        """Where a name starts after a descriptive phrase ending in '厂', '商', '新创'…, leaving `keep` characters."""
        ends = [end + 1 for end, _ in self._descriptor_tails.iter(run) if len(run) - (end + 1) >= keep]
        return max(ends, default=0)

    def descriptor_tails(self, phrase: str) -> list[tuple[int, int]]:
        """Where a word ending a descriptive phrase ('厂', '商', '新创') starts and ends in `phrase`, unless a longer
        such word goes on past it ('厂' of '厂商'), in order."""
        tails = {(end + 1 - length, end + 1) for end, length in self._descriptor_tails.iter(phrase)}
        return sorted((s, e) for s, e in tails if not any(s2 <= s and e < e2 for s2, e2 in tails))

    def descriptor_prefix_length(self, name: str) -> int:
        """How many characters of descriptive words start `name` ('国内芯片公司' entirely)."""
        return self._generic_prefix.match(name).end()  # type: ignore[union-attr]  # `*` always matches

    def is_descriptive(self, name: str) -> bool:
        """Descriptive words through and through ('国内芯片公司'), where a name the context vouches for may still
        end like one ('中华开发资本', '晶隽科技')."""
        return self.descriptor_prefix_length(name) == len(name)

    def is_generic(self, name: str) -> bool:
        """A descriptive phrase rather than a name: a generic word, or starting or ending with one."""
        if name in self._generic or self.descriptor_prefix_length(name):
            return True
        return any(name[-length:] in self._generic for length in self._generic_tail_lengths if length <= len(name))

    def is_stopword(self, word: str) -> bool:
        return word.lower() in self._stopwords or (bool(_HAN.match(word)) and self.is_generic(word))


def _automaton(words: Iterable[str]) -> ahocorasick.Automaton:
    """Every word, found in one pass of a text; each hit gives its end and the word's length."""
    automaton = ahocorasick.Automaton()
    for word in set(words):
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


def _ending_automaton(words: tuple[str, ...]) -> ahocorasick.Automaton:
    """The ending words of a pattern, which its every match holds: an empty word would let a match hold none."""
    if not words or not all(words):
        raise CueLexiconError(f"names: policy endings must be a list of non-empty words, not {list(words)!r}")
    return _automaton(words)


def _matches_before_words(pattern: re.Pattern[str], words: tuple[str, ...], *,
                          reach: int) -> Callable[[str], Iterator[re.Match[str]]]:
    """`pattern.finditer` for a pattern whose every match holds one of `words` starting at most `reach`
    characters after the match's start: one pass of a word automaton finds the words, and the pattern is tried
    only at the positions up to `reach` before each, in order, so the matches are the same, found faster."""
    automaton = _ending_automaton(words)

    def finditer(text: str) -> Iterator[re.Match[str]]:
        untried = 0  # positions before this failed or lie inside a match (finditer goes on at a match's end)
        for word_start in sorted({end + 1 - length for end, length in automaton.iter(text)}):
            for start in range(max(untried, word_start - reach), word_start + 1):
                match = pattern.match(text, start)
                if match:
                    yield match
                    untried = match.end()
                    break
            untried = max(untried, word_start + 1)
    return finditer


def _matches_on_lines_with(pattern: re.Pattern[str],
                           words: tuple[str, ...]) -> Callable[[str], Iterator[re.Match[str]]]:
    """`pattern.finditer` for a pattern whose every match holds one of `words` and no line break (a line break
    around a match reads as the text's end would): only the lines that hold one of the words are searched."""
    automaton = _ending_automaton(words)

    def finditer(text: str) -> Iterator[re.Match[str]]:
        searched = 0  # the lines before this are done
        for end, length in automaton.iter(text):
            if end < searched:
                continue
            line_start = text.rfind("\n", 0, end + 1 - length) + 1
            searched = text.find("\n", end)
            if searched < 0:
                searched = len(text)
            yield from pattern.finditer(text, line_start, searched)
    return finditer


def _words_pattern(words: Iterable[str]) -> str:
    """An alternation of literal words, longest first (so '初创公司' wins over '公司')."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def default_name_cues() -> NameCues:
    """The bundled lexicon's name words, with its Chinese cue words as boundaries."""
    lexicon = read_lexicon()
    cue_words = tuple(w for name in _VERB_CUE_LISTS for w in lexicon.cues.get(name, ()) if not w.startswith("re:"))
    titles = tuple(w for name in ("title", "title_en") for w in lexicon.cues.get(name, ()) if not w.startswith("re:"))
    return NameCues(lexicon.names, cue_words, titles)


# The cue lists of verbs (a name never runs into '采购' or '投资'); noun lists such as 'compute' (云, 算力)
# or 'company_noun' (公司) are parts of names as often as not.
_VERB_CUE_LISTS = ("buy", "sell", "rent", "invest", "restrict", "launch", "distribute", "partner", "compete",
                   "contest", "train", "lead_verb", "use", "contain", "integrate", "operate", "locate", "issue")
