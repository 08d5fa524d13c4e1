"""A cleaned article on disk: YAML front matter (metadata) followed by the body text.

The bundled articles in `data/articles/` are written by `computekg clean` from the raw
seeds and read back here; evidence quotes are checked against the body.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from computekg.graph.characters import ExportableText
from computekg.graph.model import PartialDate, Source
from computekg.graph.schema import TextAlteration
from computekg.loaders.errors import DataFileError
from computekg.loaders.yaml_lines import SourceLines, parse_yaml, read_text_file, validation_problems

__all__ = ["Article", "read_article", "write_article"]

_FENCE = "---\n"


class Article(BaseModel):
    """An article after cleaning: its metadata and the text facts are quoted from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: ExportableText
    title: ExportableText
    publisher: ExportableText | None = None
    date: PartialDate | None = None
    language: str = "zh"
    script: str = "Hans"
    original: str | None = None
    notes: ExportableText | None = None
    alterations: tuple[TextAlteration, ...] = ()
    """How the republished text differs from the publisher's; reports say so beside every quote of it."""
    body: str

    def as_source(self, path: str) -> Source:
        return Source(id=self.id, title=self.title, publisher=self.publisher, date=self.date,
                      language=self.language, script=self.script, path=path, alterations=self.alterations)


def write_article(article: Article, path: Path) -> None:
    unaltered = {"alterations"} if not article.alterations else set()
    meta = article.model_dump(mode="json", exclude={"body", *unaltered}, exclude_none=True)
    header = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    path.write_text(f"{_FENCE}{header}{_FENCE}{article.body.rstrip()}\n", encoding="utf-8")


def read_article(path: Path) -> Article:
    """The article in `path`; raises `DataFileError` naming the line and field of what is wrong."""
    text = read_text_file(path)
    if not text.startswith(_FENCE) or _FENCE not in text[len(_FENCE):]:
        raise DataFileError(path, 1, "front matter", "a cleaned article starts with a '---' YAML header")
    header, body = text[len(_FENCE):].split(_FENCE, 1)
    meta = parse_yaml(header, path, first_line=2) or {}
    if not isinstance(meta, dict):
        raise DataFileError(path, 2, "front matter", "the header is a mapping of fields (id, title, …)")
    try:
        return Article(**{str(key): value for key, value in meta.items()}, body=body)
    except ValidationError as error:
        raise validation_problems(path, _header_lines(header), error)[0] from None


def _header_lines(header: str) -> SourceLines:
    """Where each field of the front matter stands in the file (the header starts on line 2)."""
    fields = {line.split(":", 1)[0]: number for number, line in enumerate(header.splitlines(), start=2)
              if ":" in line and not line.startswith((" ", "-", "#"))}
    return SourceLines(2, fields)
