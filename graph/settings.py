"""Runtime configuration, read from environment variables or a `.env` file.

Credentials never live in code: a user with their own Neo4j (Docker, Desktop, Aura)
sets `NEO4J_URI`, `NEO4J_USER`, `NEO4J_PASSWORD` and `NEO4J_DATABASE`.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from computekg.graph.choices import Layer, StoreKind

__all__ = ["StoreKind", "Settings", "get_settings"]


class Settings(BaseSettings):
    """Every knob computekg reads from the environment (or `.env` in the working directory)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    neo4j_uri: str = Field(default="bolt://127.0.0.1:7687", validation_alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", validation_alias="NEO4J_USER")
    neo4j_password: SecretStr = Field(default=SecretStr(""), validation_alias="NEO4J_PASSWORD")
    neo4j_database: str = Field(default="neo4j", validation_alias="NEO4J_DATABASE")

    # The local server that `computekg neo4j start` runs.
    neo4j_port: int = Field(default=7687, validation_alias="COMPUTEKG_NEO4J_PORT")
    neo4j_heap: str = Field(default="1g", validation_alias="COMPUTEKG_NEO4J_HEAP")
    neo4j_pagecache: str = Field(default="512m", validation_alias="COMPUTEKG_NEO4J_PAGECACHE")
    # The most heap one transaction may hold on the local server (Neo4j's db.memory.transaction.max).
    neo4j_transaction_memory: str = Field(default="256m", validation_alias="COMPUTEKG_NEO4J_TRANSACTION_MEMORY")

    # The largest file `computekg ingest` reads, in MB: a news page, markup and all, is well under it, and a
    # 50 MB file took 7 minutes and 2.9 GB.
    ingest_max_mb: float = Field(default=5.0, gt=0, validation_alias="COMPUTEKG_INGEST_MAX_MB")

    store: StoreKind = Field(default=StoreKind.MEMORY, validation_alias="COMPUTEKG_STORE")
    home: Path = Field(default=Path(".computekg"), validation_alias="COMPUTEKG_HOME")
    # Which facts the embedded store answers from (commands with --layer override it).
    layer: Layer = Field(default=Layer.BOTH, validation_alias="COMPUTEKG_LAYER")


def get_settings() -> Settings:
    """Read the settings afresh, so a changed environment (tests, `.env`) takes effect."""
    return Settings()
