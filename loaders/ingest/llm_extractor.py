"""An optional extractor that asks an OpenAI-compatible chat endpoint, behind the same `Extractor` protocol.

Off by default: it is used only when `COMPUTEKG_LLM_BASE_URL` and `COMPUTEKG_LLM_MODEL` are set (and
`COMPUTEKG_LLM_API_KEY` when the endpoint needs one). The model is asked for JSON that follows a
schema; nothing it says is trusted: every quote must be a verbatim substring of the article,
every type a `RelType`, every endpoint resolvable or flagged new, and endpoint kinds must fit
the schema, or the fact is dropped.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, SecretStr, TypeAdapter, ValidationError

from computekg.graph.errors import EntityNotFound
from computekg.graph.model import Entity, Money, PartialDate, Quantity
from computekg.graph.schema import ENDPOINT_KINDS, EntityKind, RelType
from computekg.loaders.alias_index import AliasIndex, AmbiguousName
from computekg.loaders.article import Article
from computekg.loaders.ingest.aligned import align
from computekg.loaders.ingest.candidate import Candidate
from computekg.loaders.ingest.extractor import ArticleReading
from computekg.loaders.ingest.linking import link_entities
from computekg.loaders.numbers import NumberFormatError, parse_money, parse_quantity

__all__ = ["LlmError", "LlmExtractor", "LlmSettings"]

_DATE: TypeAdapter[str] = TypeAdapter(PartialDate)
_FACT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "facts": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "subject": {"type": "string"},
                    "subject_kind": {"type": "string", "enum": [k.value for k in EntityKind]},
                    "type": {"type": "string", "enum": [t.value for t in RelType]},
                    "object": {"type": "string"},
                    "object_kind": {"type": "string", "enum": [k.value for k in EntityKind]},
                    "quote": {"type": "string"},
                    "confidence": {"type": "number"},
                    "product": {"type": ["string", "null"]},
                    "quantity": {"type": ["string", "null"]},
                    "amount": {"type": ["string", "null"]},
                    "date": {"type": ["string", "null"]},
                },
                "required": ["subject", "type", "object", "quote", "confidence"],
            },
        }
    },
    "required": ["facts"],
}
_SYSTEM = (
    "You extract facts about the AI compute supply chain from a news article. Return JSON matching the schema. "
    "Each fact has a subject, a relationship type, an object and a quote: the quote must be copied character for "
    "character from the article (one sentence or clause). Use these relationship types, pointing downstream:\n"
    + "\n".join(f"- {t.value}: {' or '.join(sorted(k.value for k in ENDPOINT_KINDS[t][0]))} -> "
                f"{' or '.join(sorted(k.value for k in ENDPOINT_KINDS[t][1]))}" for t in RelType)
    + "\nPrefer the names given in the list of known entities. Do not invent facts the article does not state."
)


class LlmError(RuntimeError):
    """The endpoint could not be reached or did not answer with the JSON asked for."""


class LlmSettings(BaseModel):
    """Where the OpenAI-compatible endpoint is (from the environment)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    base_url: str
    model: str
    api_key: SecretStr | None = None
    timeout: float = 120.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> LlmSettings | None:
        """Settings from COMPUTEKG_LLM_BASE_URL / _MODEL / _API_KEY, or None when the extractor is not configured."""
        env = os.environ if env is None else env
        base_url, model = env.get("COMPUTEKG_LLM_BASE_URL"), env.get("COMPUTEKG_LLM_MODEL")
        if not base_url or not model:
            return None
        key = env.get("COMPUTEKG_LLM_API_KEY")
        return cls(base_url=base_url, model=model, api_key=SecretStr(key) if key else None)


class LlmExtractor:
    """Candidates from a chat-completions endpoint, each verified against the article before it is kept."""

    def __init__(self, settings: LlmSettings, entities: Iterable[Entity], *, index: AliasIndex | None = None) -> None:
        self._settings = settings
        self._entities = {e.id: e for e in entities}
        self._index = index or AliasIndex(self._entities.values())

    def extract(self, article: Article) -> list[Candidate]:
        known = self._known_names(article)
        reply = self._complete(article, known)
        facts = reply.get("facts") if isinstance(reply, dict) else None
        if not isinstance(facts, list):
            raise LlmError("the reply has no 'facts' list")
        candidates = (self._candidate(fact, article) for fact in facts if isinstance(fact, dict))
        return [c for c in candidates if c is not None]

    def read(self, article: Article) -> ArticleReading:
        """The endpoint's candidates; the names they use that the catalog lacks are marked new on them."""
        return ArticleReading(self.extract(article), [])

    def _known_names(self, article: Article) -> list[str]:
        mentions = link_entities(align(article.body), article.body, self._index, self._entities)
        return sorted({f"{m.name} ({m.entity_id}, {m.kind})" for m in mentions if m.entity_id})

    def _complete(self, article: Article, known: list[str]) -> Any:
        body = {
            "model": self._settings.model,
            "temperature": 0,
            "response_format": {"type": "json_schema",
                                "json_schema": {"name": "facts", "schema": _FACT_SCHEMA, "strict": False}},
            "messages": [
                {"role": "system", "content": _SYSTEM},
                {"role": "user", "content": f"Known entities: {'; '.join(known) or '(none)'}\n\n"
                                            f"Article:\n{article.body}"},
            ],
        }
        headers = {"Content-Type": "application/json"}
        if self._settings.api_key is not None:
            headers["Authorization"] = f"Bearer {self._settings.api_key.get_secret_value()}"
        url = self._settings.base_url.rstrip("/") + "/chat/completions"
        request = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"), headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self._settings.timeout) as response:  # noqa: S310
                payload = json.loads(response.read().decode("utf-8"))
            return json.loads(payload["choices"][0]["message"]["content"])
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise LlmError(f"cannot reach {url}: {error}") from error
        except (KeyError, IndexError, TypeError, ValueError) as error:
            raise LlmError(f"unexpected reply from {url}: {error}") from error

    def _endpoint(self, name: str, kind: str | None) -> tuple[str, EntityKind, bool] | None:
        """(id or name, kind, new) for a name the model gave; None when it names more than one entity."""
        try:
            entity = self._index.resolve(name)
        except AmbiguousName:
            return None
        except EntityNotFound:
            try:
                return name, EntityKind(kind or EntityKind.ORGANIZATION), True
            except ValueError:
                return None
        return entity.id, entity.kind, False

    def _candidate(self, fact: dict[str, Any], article: Article) -> Candidate | None:
        quote, subject_name, object_name = fact.get("quote"), fact.get("subject"), fact.get("object")
        if not (isinstance(quote, str) and len(quote) >= 2 and quote in article.body):
            return None  # hallucinated or altered quote: never becomes evidence
        if not (isinstance(subject_name, str) and subject_name and isinstance(object_name, str) and object_name):
            return None
        try:
            rel_type = RelType(fact.get("type"))
        except ValueError:
            return None
        subject = self._endpoint(subject_name, fact.get("subject_kind"))
        obj = self._endpoint(object_name, fact.get("object_kind"))
        if subject is None or obj is None:
            return None
        subject_kinds, object_kinds = ENDPOINT_KINDS[rel_type]
        if subject[1] not in subject_kinds or obj[1] not in object_kinds or subject[0] == obj[0]:
            return None
        start = article.body.index(quote)
        try:
            return Candidate(
                subject=subject[0], subject_name=subject_name, subject_kind=subject[1], subject_new=subject[2],
                type=rel_type, object=obj[0], object_name=object_name, object_kind=obj[1], object_new=obj[2],
                product=self._product(fact.get("product")), quantity=_quantity(fact.get("quantity")),
                amount=_money(fact.get("amount")), date=_date(fact.get("date")), evidence=quote,
                confidence=min(max(float(fact.get("confidence", 0.5)), 0.0), 1.0),
                rule=f"llm:{self._settings.model}", source=article.id, start=start, end=start + len(quote),
            )
        except (ValidationError, TypeError, ValueError):
            return None

    def _product(self, name: Any) -> str | None:
        if not isinstance(name, str) or not name:
            return None
        try:
            entity = self._index.resolve(name)
        except EntityNotFound:
            return None
        return entity.id if entity.kind is EntityKind.PRODUCT else None


def _quantity(text: Any) -> Quantity | None:
    try:
        return parse_quantity(text) if isinstance(text, str) and text else None
    except NumberFormatError:
        return None


def _money(text: Any) -> Money | None:
    try:
        return parse_money(text) if isinstance(text, str) and text else None
    except NumberFormatError:
        return None


def _date(text: Any) -> str | None:
    try:
        return _DATE.validate_python(text) if isinstance(text, str) and text else None
    except ValidationError:
        return None
