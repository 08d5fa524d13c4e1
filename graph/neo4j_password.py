"""The password of the local Neo4j, and the credentials every computekg command connects with.

Why: Bolt listens on 127.0.0.1 only, but without authentication any local process could write to the graph,
and the read-only console would be no barrier. `computekg neo4j start` generates a password once, keeps it in
`<COMPUTEKG_HOME>/neo4j/password` (readable by its owner only) and gives it to the server at every start;
the project's own commands read it from there. `NEO4J_USER`/`NEO4J_PASSWORD` (environment or `.env`) still
come first, for a user's own server, and the local password is offered only to the local server's address,
never to another one.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from computekg.graph.settings import Settings

__all__ = ["LOCAL_USER", "credentials", "ensure_password", "password_file"]

LOCAL_USER = "neo4j"
_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_OWNER_ONLY = 0o600


def password_file(settings: Settings) -> Path:
    return settings.home.expanduser().resolve() / "neo4j" / "password"


def ensure_password(settings: Settings) -> Path:
    """The password file of this home, created with a new random password when there is none; returns its path.

    A file made readable by others since is made owner-only again: the password gives write access.
    """
    path = password_file(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _OWNER_ONLY)
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            path.chmod(_OWNER_ONLY)
        return path
    with os.fdopen(handle, "w", encoding="ascii") as stream:
        stream.write(secrets.token_urlsafe(24) + "\n")
    return path


def credentials(settings: Settings) -> tuple[str, str] | None:
    """(user, password) to connect with: `NEO4J_PASSWORD` when set, else the local server's own password when
    `NEO4J_URI` is that server's address and it has one, else None (a server without authentication)."""
    password = settings.neo4j_password.get_secret_value()
    if password:
        return settings.neo4j_user, password
    path = password_file(settings)
    if _is_local_server(settings) and path.is_file():
        return LOCAL_USER, path.read_text(encoding="ascii").strip()
    return None


def _is_local_server(settings: Settings) -> bool:
    try:
        address = urlsplit(settings.neo4j_uri)
        port = address.port or 7687
    except ValueError:
        return False
    return address.scheme in ("bolt", "neo4j") and address.hostname in _LOCAL_HOSTS and port == settings.neo4j_port
