"""Start, stop and inspect the local Neo4j that computekg runs itself.

Why: the project needs a real Neo4j (Cypher, full-text indexes with the `cjk` analyzer) on machines
without Docker. Neo4j Community 5.26 LTS is embedded in a one-class Java launcher
(`graph/neo4j_launcher/`, a Maven project); the first `start` compiles it with Maven, which resolves
the Neo4j jars (about 160 MB) into `~/.m2`. Later starts need no network at all.

Security: Bolt binds 127.0.0.1 only, and authentication is on: the user `neo4j` has a password generated
at the first start and kept in `password` below (owner-only), which computekg's own commands read
(`computekg.graph.neo4j_password`). A home from before, whose server ran without authentication, gets a
password at its next start.

Everything lives under `<settings.home>/neo4j/`:

- `launcher/`: a copy of the Maven project (the package's own copy may be read-only once installed),
  its `target/`, `classpath.txt`, `build.sha256` (rebuild only when the sources change), `build.log`
- `dbms/`: the Neo4j home, with the store in `data/`, Neo4j's `debug.log` in `logs/` and, in `import/`, the
  only files LOAD CSV may read (`file:///name.csv` is `dbms/import/name.csv`; see `import_dir`)
- `server.log`: the JVM's stdout and stderr (Neo4j's user log)
- `server.pid`: JSON `{"pid": ..., "port": ...}` of the running JVM
- `password`: the password of the user `neo4j` (mode 0600)
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import DriverError, Neo4jError
from rich.console import Console
from rich.markup import escape

from computekg.graph.neo4j_password import LOCAL_USER, ensure_password
from computekg.graph.settings import Settings, get_settings

__all__ = ["Neo4jServerError", "ServerStatus", "start", "stop", "status", "import_dir"]

_LAUNCHER_CLASS = "dev.computekg.Neo4jLauncher"
_SOURCE_DIR = Path(__file__).with_name("neo4j_launcher")
_INSTALL_HINT = "e.g. `sudo apt-get install openjdk-17-jdk-headless maven` (Neo4j 5.26 needs Java 17 or 21)"
# Flags Neo4j's own start script passes that matter when embedded: without the --add-opens Neo4j
# falls back to slower page-cache buffers and cannot use native file advice on transaction logs.
# Not ExitOnOutOfMemoryError: a query that runs out of heap where Neo4j does not track its memory (a
# string doubled in `reduce`) would end the server; without it Neo4j fails that query alone. A 16 MB
# thread stack: Neo4j's parser and AST rewriters recurse once per nesting level or chained operator, and
# with the default 1 MB a 2 KB query (`RETURN "a" + "a" + ...` 400 times) overflowed the stack, after
# which the server could not even send the error back and the client waited for minutes.
_JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-Xss16m",
    "-XX:-OmitStackTraceInFastThrow",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)
_LOG_TAIL_LINES = 25
_DOWNLOADED = re.compile(r"Downloaded from \S+: (\S+)")


class Neo4jServerError(RuntimeError):
    """The local Neo4j could not be built, started or stopped; the message says what to do."""


@dataclass(frozen=True)
class ServerStatus:
    """What `start`, `stop` and `status` found, with a one-line human `message`."""

    running: bool
    pid: int | None
    uri: str
    data_dir: Path
    message: str


@dataclass(frozen=True)
class _Layout:
    """The files of one state directory, so every function agrees on where things are."""

    root: Path

    @property
    def launcher(self) -> Path:
        return self.root / "launcher"

    @property
    def classpath_file(self) -> Path:
        return self.launcher / "classpath.txt"

    @property
    def hash_file(self) -> Path:
        return self.launcher / "build.sha256"

    @property
    def build_log(self) -> Path:
        return self.launcher / "build.log"

    @property
    def dbms_home(self) -> Path:
        return self.root / "dbms"

    @property
    def server_log(self) -> Path:
        return self.root / "server.log"

    @property
    def pid_file(self) -> Path:
        return self.root / "server.pid"


def start(settings: Settings | None = None, *, timeout: float = 180.0) -> ServerStatus:
    """Build the launcher if needed, start Neo4j detached and return once Bolt answers `RETURN 1`.

    Harmless when the server already runs: the running status is returned. `timeout` covers the
    JVM start only, not the one-off Maven build.
    """
    settings = settings or get_settings()
    layout = _layout(settings)
    with _locked(layout):
        current = status(settings)
        if current.running:
            return current
        java, mvn = _require_tools()
        port = settings.neo4j_port
        if _port_busy(port):
            raise Neo4jServerError(
                f"Port {port} on 127.0.0.1 is already in use by another program, not by a computekg Neo4j "
                f"started from {layout.root}. Stop that program or choose another port with "
                f"COMPUTEKG_NEO4J_PORT (e.g. `COMPUTEKG_NEO4J_PORT={port + 1} computekg neo4j start`)."
            )
        classpath = _ensure_built(layout, mvn)
        began = time.monotonic()
        password = ensure_password(settings)
        pid, log_offset = _launch(java, classpath, layout, settings, password)
        _write_pid(layout, pid, port)
        uri = _uri(port)
        try:
            _wait_for_bolt(uri, (LOCAL_USER, password.read_text(encoding="ascii").strip()), pid, began + timeout,
                           started=lambda: _logged_since(layout.server_log, log_offset, _STARTED_LINE))
        except Neo4jServerError as exc:
            _terminate(pid, timeout=30.0)
            layout.pid_file.unlink(missing_ok=True)
            tail = _tail(layout.server_log, log_offset)
            raise Neo4jServerError(f"{exc}\n--- {layout.server_log} (tail) ---\n{tail}") from None
        return ServerStatus(
            running=True,
            pid=pid,
            uri=uri,
            data_dir=_data_dir(layout),
            message=f"Neo4j started (pid {pid}) at {uri} in {time.monotonic() - began:.1f}s; "
            f"data in {_data_dir(layout)}",
        )


def stop(settings: Settings | None = None, *, timeout: float = 60.0) -> ServerStatus:
    """Stop Neo4j with SIGTERM (a clean store shutdown), SIGKILL after `timeout`; harmless when stopped."""
    settings = settings or get_settings()
    layout = _layout(settings)
    with _locked(layout):
        current = status(settings)
        if not current.running or current.pid is None:
            return current
        killed = _terminate(current.pid, timeout=timeout)
        layout.pid_file.unlink(missing_ok=True)
        how = f"killed after {timeout:g}s without a clean shutdown" if killed else "stopped"
        return ServerStatus(
            running=False,
            pid=None,
            uri=current.uri,
            data_dir=current.data_dir,
            message=f"Neo4j {how} (was pid {current.pid})",
        )


def status(settings: Settings | None = None) -> ServerStatus:
    """Report whether this state directory's Neo4j runs; a stale pid file is removed."""
    settings = settings or get_settings()
    layout = _layout(settings)
    data_dir = _data_dir(layout)
    recorded = _read_pid(layout)
    if recorded is None:
        uri = _uri(settings.neo4j_port)
        return ServerStatus(False, None, uri, data_dir, f"Neo4j is not running (would serve {uri})")
    pid, port = recorded
    uri = _uri(port)
    if not _is_launcher(pid):
        layout.pid_file.unlink(missing_ok=True)
        message = f"Neo4j is not running (removed stale pid file of pid {pid})"
        return ServerStatus(False, None, uri, data_dir, message)
    note = "" if port == settings.neo4j_port else f" (not on the configured port {settings.neo4j_port})"
    message = f"Neo4j is running (pid {pid}) at {uri}{note}; data in {data_dir}"
    return _warn_if_open(ServerStatus(True, pid, uri, data_dir, message))


def import_dir(settings: Settings | None = None) -> Path:
    """Where LOAD CSV reads `file:///` URLs from on the local server (files elsewhere are refused)."""
    return _layout(settings or get_settings()).dbms_home / "import"


def _layout(settings: Settings) -> _Layout:
    return _Layout(settings.home.expanduser().resolve() / "neo4j")


def _data_dir(layout: _Layout) -> Path:
    return layout.dbms_home / "data"


def _uri(port: int) -> str:
    return f"bolt://127.0.0.1:{port}"


@contextlib.contextmanager
def _locked(layout: _Layout) -> Iterator[None]:
    """Serialise start/stop between processes sharing one state directory."""
    layout.root.mkdir(parents=True, exist_ok=True)
    with (layout.root / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _require_tools() -> tuple[str, str]:
    """Return the `java` and `mvn` executables, failing with an install hint when one is missing."""
    java, mvn = shutil.which("java"), shutil.which("mvn")
    missing = [name for name, found in (("java", java), ("mvn", mvn)) if found is None]
    if java is None or mvn is None:
        raise Neo4jServerError(
            f"{' and '.join(missing)} not found on PATH. The local Neo4j needs a Java 17+ JDK and Maven: "
            f"{_INSTALL_HINT}. Or point NEO4J_URI at a Neo4j you run yourself."
        )
    return java, mvn


def _port_busy(port: int) -> bool:
    """True when 127.0.0.1:`port` cannot be bound (SO_REUSEADDR ignores lingering TIME_WAIT sockets)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def _sources_digest() -> str:
    digest = hashlib.sha256()
    files = [_SOURCE_DIR / "pom.xml", *sorted((_SOURCE_DIR / "src").rglob("*.java"))]
    for path in files:
        digest.update(path.relative_to(_SOURCE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _ensure_built(layout: _Layout, mvn: str) -> str:
    """Return the launcher's runtime classpath, running Maven only when the sources or jars changed."""
    digest = _sources_digest()
    classes = layout.launcher / "target" / "classes"
    if layout.hash_file.is_file() and layout.hash_file.read_text().strip() == digest and classes.is_dir():
        classpath = _classpath(layout, classes)
        if classpath is not None:
            return classpath
    _copy_sources(layout)
    _run_maven(layout, mvn)
    layout.hash_file.write_text(digest + "\n")
    classpath = _classpath(layout, classes)
    if classpath is None:
        raise Neo4jServerError(f"Maven finished but the classpath is incomplete; see {layout.build_log}")
    return classpath


def _classpath(layout: _Layout, classes: Path) -> str | None:
    """The full classpath, or None when a jar vanished (e.g. ~/.m2 was cleaned) and Maven must run again."""
    if not layout.classpath_file.is_file():
        return None
    jars = [entry for entry in layout.classpath_file.read_text().strip().split(os.pathsep) if entry]
    if not jars or not all(Path(jar).is_file() for jar in jars):
        return None
    return os.pathsep.join([str(classes), *jars])


def _copy_sources(layout: _Layout) -> None:
    """Build from a copy in the state directory: an installed package's own directory may be read-only."""
    for stale in ("src", "target"):
        shutil.rmtree(layout.launcher / stale, ignore_errors=True)
    layout.launcher.mkdir(parents=True, exist_ok=True)
    shutil.copy2(_SOURCE_DIR / "pom.xml", layout.launcher / "pom.xml")
    shutil.copytree(_SOURCE_DIR / "src", layout.launcher / "src")


def _run_maven(layout: _Layout, mvn: str) -> None:
    """Compile the launcher and write its classpath, showing the artifacts Maven fetches on stderr."""
    command = [
        mvn, "-B", "-f", str(layout.launcher / "pom.xml"),
        "compile", "dependency:build-classpath",
        "-Dmdep.includeScope=runtime", f"-Dmdep.outputFile={layout.classpath_file}",
    ]  # fmt: skip
    console = Console(stderr=True, highlight=False)
    console.print(
        f"Building the Neo4j launcher with Maven (the first build on a machine downloads about 160 MB "
        f"into ~/.m2; log: {layout.build_log})",
        markup=False,
        soft_wrap=True,
    )
    with (
        layout.build_log.open("w") as log,
        console.status("Maven: resolving Neo4j 5.26 ...") as spinner,
        subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        ) as maven,
    ):
        assert maven.stdout is not None  # guaranteed by stdout=PIPE; narrows the type
        for line in maven.stdout:
            log.write(line)
            downloaded = _DOWNLOADED.search(line)
            if downloaded:
                spinner.update(f"Maven: downloaded {escape(downloaded.group(1).rsplit('/', 1)[-1])}")
    if maven.returncode != 0:
        raise Neo4jServerError(
            f"Maven failed (exit {maven.returncode}) building the Neo4j launcher. Maven needs to reach "
            f"Maven Central once. See {layout.build_log}:\n{_tail(layout.build_log, 0)}"
        )


def _warn_if_open(current: ServerStatus) -> ServerStatus:
    """`current`, its message warning when the server answers without a password (started by an earlier computekg)."""
    if not _answers_cypher(current.uri, None):
        return current
    return replace(current, message=f"{current.message}. It accepts connections without a password (it was started "
                   "by an earlier computekg): restart it, `computekg neo4j stop` then `computekg neo4j start`, "
                   "to turn authentication on")


def _launch(java: str, classpath: str, layout: _Layout, settings: Settings, password: Path) -> tuple[int, int]:
    """Start the JVM detached in a new session (it outlives this process and ignores the terminal's Ctrl-C).

    Returns its pid and where its output begins in the server log. `os.posix_spawn` rather than
    `subprocess.Popen`: a Popen object dropped while its child still runs warns (ResourceWarning), and
    nothing here keeps one; the pid file is the handle.
    """
    layout.dbms_home.mkdir(parents=True, exist_ok=True)
    heap = settings.neo4j_heap
    command = [
        java, f"-Xms{heap}", f"-Xmx{heap}", *_JVM_FLAGS,
        f"-XX:ErrorFile={layout.dbms_home / 'logs' / 'hs_err_pid%p.log'}",
        "-cp", classpath, _LAUNCHER_CLASS,
        "--home", str(layout.dbms_home), "--port", str(settings.neo4j_port),
        "--pagecache", settings.neo4j_pagecache, "--transaction-memory", settings.neo4j_transaction_memory,
        "--password-file", str(password),
    ]  # fmt: skip
    with layout.server_log.open("ab") as log:
        offset = log.tell()
        pid = os.posix_spawn(
            java,
            command,
            os.environ,
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_DUP2, log.fileno(), 1),
                (os.POSIX_SPAWN_DUP2, log.fileno(), 2),
            ],
            setsid=True,
        )
    return pid, offset


def _exit_code(pid: int) -> int | None:
    """The exit code of our child `pid` once it has ended (reaping it), else None."""
    ended, wait_status = os.waitpid(pid, os.WNOHANG)
    return os.waitstatus_to_exitcode(wait_status) if ended else None


# What the launcher prints once the password is set: Bolt listens earlier, while the login is not yet ours.
_STARTED_LINE = " started, Bolt on 127.0.0.1:"


def _wait_for_bolt(uri: str, auth: tuple[str, str], pid: int, deadline: float, started: Callable[[], bool]) -> None:
    """Return once `RETURN 1` succeeds over Bolt; raise if the JVM exits or `deadline` passes.

    Nothing logs in before `started()` says the launcher has set the password: Bolt listens a moment before,
    and logins tried then fail; after three failures Neo4j locks the user out for as long as attempts keep
    coming, and the start would wait out its whole timeout (it did, on a loaded machine).
    """
    port = int(uri.rsplit(":", 1)[1])
    while time.monotonic() < deadline:
        code = _exit_code(pid)
        if code is not None:
            raise Neo4jServerError(
                f"Neo4j exited with code {code} during start-up; the log below says why. Sizes come from "
                f"COMPUTEKG_NEO4J_HEAP and COMPUTEKG_NEO4J_PAGECACHE (e.g. 1g, 512m)."
            )
        if started() and _accepts_tcp(port) and _answers_cypher(uri, auth):
            return
        time.sleep(0.5)
    raise Neo4jServerError(
        f"Neo4j did not answer on {uri} in time and was stopped. A slow machine may need more time: "
        f"`computekg neo4j start --timeout 600`."
    )


def _accepts_tcp(port: int) -> bool:
    """A cheap probe first, so the driver is only tried (and only logs) once Bolt listens."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1.0).close()
    except OSError:
        return False
    return True


def _answers_cypher(uri: str, auth: tuple[str, str] | None) -> bool:
    try:
        with GraphDatabase.driver(uri, auth=auth, connection_timeout=5.0) as driver:
            driver.execute_query("RETURN 1")
    except (DriverError, Neo4jError, OSError):
        return False
    return True


def _write_pid(layout: _Layout, pid: int, port: int) -> None:
    layout.pid_file.write_text(json.dumps({"pid": pid, "port": port}) + "\n")


def _read_pid(layout: _Layout) -> tuple[int, int] | None:
    """The recorded (pid, port); an unreadable pid file counts as none."""
    try:
        record = json.loads(layout.pid_file.read_text())
        return int(record["pid"]), int(record["port"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _is_launcher(pid: int) -> bool:
    """True when `pid` is a live (not zombie) JVM running our launcher, so a recycled pid is not mistaken."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reap it if this process started it and it has exited
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False  # someone else's process reusing the pid
    proc = Path("/proc") / str(pid)
    if not proc.is_dir():
        return True  # no /proc (e.g. macOS): trust the signal probe
    try:
        state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        cmdline = (proc / "cmdline").read_bytes()
    except OSError:
        return False
    return state != "Z" and _LAUNCHER_CLASS.encode() in cmdline


def _terminate(pid: int, *, timeout: float) -> bool:
    """SIGTERM `pid` and wait; SIGKILL its process group after `timeout`. True if it had to be killed."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    if _wait_gone(pid, timeout):
        return False
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
    _wait_gone(pid, 10.0)
    return True


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _is_launcher(pid):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.2)
    return True


def _logged_since(path: Path, offset: int, text: str) -> bool:
    """Whether `path` holds `text` after byte `offset` (this run's output)."""
    try:
        with path.open("rb") as handle:
            handle.seek(offset)
            return text.encode("utf-8") in handle.read()
    except OSError:
        return False


def _tail(path: Path, offset: int) -> str:
    """The last lines of `path` written after byte `offset`: this run's output, not older runs'."""
    try:
        with path.open("rb") as handle:
            handle.seek(offset)
            lines = handle.read().decode("utf-8", errors="replace").splitlines()
    except OSError:
        return "(no log written)"
    return "\n".join(lines[-_LOG_TAIL_LINES:]) or "(log is empty)"
