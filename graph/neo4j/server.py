"""A real Neo4j 5.26 LTS server for tests and for people without Docker.

The jars of ``org.neo4j.test:neo4j-harness`` come from Maven Central (``launcher/pom.xml``)
into ``$TSUNAGARI_NEO4J_HOME/lib`` (default ``~/.cache/tsunagari/neo4j-<version>/lib``), and
``launcher/Launcher.java`` runs an in-process Neo4j in a child JVM with Bolt on 127.0.0.1
and authentication disabled.

    >>> with Neo4jServer() as server:  # doctest: +SKIP
    ...     server.uri
    'bolt://127.0.0.1:40275'

``python -m tsunagari.graph.neo4j.server [--port N] [--data DIR]`` runs one in the foreground.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET
from collections import deque
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

SERVER_DIR = Path(__file__).resolve().parent / "launcher"
POM = SERVER_DIR / "pom.xml"
LAUNCHER = SERVER_DIR / "Launcher.java"
JAVA_RELEASE = 17
DEFAULT_HEAP = "1g"
"""Java heap of the server; TSUNAGARI_NEO4J_HEAP (e.g. 4g) gives more for large graphs."""
JVM_FLAGS = (
    "-XX:+UseSerialGC",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
)
STOP_GRACE_SECONDS = 30.0
OUTPUT_LINES_KEPT = 40


class Neo4jUnavailable(RuntimeError):
    """Neo4j cannot be fetched or started here; the message says why."""


def neo4j_version() -> str:
    """The Neo4j version that ``pom.xml`` pins, e.g. ``'5.26.30'``."""
    namespace = {"m": "http://maven.apache.org/POM/4.0.0"}
    version = ET.parse(POM).findtext("m:properties/m:neo4j.version", namespaces=namespace)
    if not version:
        raise Neo4jUnavailable(f"{POM} names no neo4j.version")
    return version


def neo4j_home() -> Path:
    """Where the jars are kept: ``$TSUNAGARI_NEO4J_HOME`` or a per-version user cache."""
    configured = os.environ.get("TSUNAGARI_NEO4J_HOME")
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".cache" / "tsunagari" / f"neo4j-{neo4j_version()}"


def java_executable() -> str | None:
    """``$JAVA_HOME/bin/java`` when set, else ``java`` on the PATH."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        return shutil.which(str(Path(java_home) / "bin" / "java"))
    return shutil.which("java")


def missing_tools() -> list[str]:
    """What this machine lacks to run Neo4j, each with how to get it; empty when nothing."""
    missing = []
    java = java_executable()
    if java is None:
        missing.append(f"java {JAVA_RELEASE} (not found; apt-get install openjdk-17-jdk-headless)")
    else:
        release = _java_release(java)
        if release < JAVA_RELEASE:
            missing.append(f"java {JAVA_RELEASE} ({java} is release {release})")
    if shutil.which("mvn") is None:
        missing.append("mvn (not found; apt-get install maven)")
    return missing


def _java_release(java: str) -> int:
    probe = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    found = re.search(r'version "(\d+)', probe.stderr)
    return int(found.group(1)) if found else 0


def ensure_jars() -> Path:
    """Fetch Neo4j's jars with Maven unless they are there already; return their folder."""
    home = neo4j_home()
    lib = home / "lib"
    marker = lib / f"neo4j-harness-{neo4j_version()}.jar"
    if marker.is_file():
        return lib
    missing = missing_tools()
    if missing:
        raise Neo4jUnavailable("cannot fetch Neo4j's jars, missing: " + "; ".join(missing))
    home.mkdir(parents=True, exist_ok=True)
    with open(home / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if marker.is_file():
            return lib
        with tempfile.TemporaryDirectory(prefix="lib-", dir=home) as staging:
            command = [
                "mvn",
                "-q",
                "-B",
                "-f",
                str(POM),
                "dependency:copy-dependencies",
                "-DincludeScope=runtime",
                f"-DoutputDirectory={staging}",
            ]
            fetched = subprocess.run(command, capture_output=True, text=True, check=False)
            if fetched.returncode != 0 or not (Path(staging) / marker.name).is_file():
                output = (fetched.stdout + fetched.stderr).strip().splitlines()
                raise Neo4jUnavailable(
                    f"Maven could not fetch Neo4j {neo4j_version()} (exit {fetched.returncode}):\n"
                    + "\n".join(output[-OUTPUT_LINES_KEPT:])
                )
            shutil.rmtree(lib, ignore_errors=True)
            Path(staging).rename(lib)
    return lib


class Neo4jServer:
    """A Neo4j server in a child JVM, Bolt on 127.0.0.1, no authentication.

    Without a data directory it uses a temporary one, kept across ``restart()`` and
    deleted by ``stop()``. The JVM also stops when this process dies (its stdin closes).
    """

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None
        self._uri: str | None = None
        self._output: deque[str] = deque(maxlen=OUTPUT_LINES_KEPT)
        self._port = 0
        self._data_dir: Path | None = None
        self._owned_data_dir: tempfile.TemporaryDirectory[str] | None = None

    @property
    def uri(self) -> str:
        """The Bolt URI, e.g. ``bolt://127.0.0.1:7687``."""
        if self._uri is None:
            raise RuntimeError("the Neo4j server is not running")
        return self._uri

    @property
    def data_dir(self) -> Path:
        """The directory the database lives in (under ``data/``)."""
        if self._data_dir is None:
            raise RuntimeError("the Neo4j server has not been started")
        return self._data_dir

    def start(
        self, port: int = 0, data_dir: Path | None = None, timeout: float = 180
    ) -> Neo4jServer:
        """Launch the server and wait until Bolt accepts connections; port 0 picks one."""
        if self._process is not None:
            raise RuntimeError("the Neo4j server is already running")
        if data_dir is None:
            self._owned_data_dir = tempfile.TemporaryDirectory(prefix="tsunagari-neo4j-")
            data_dir = Path(self._owned_data_dir.name)
        self._data_dir = data_dir
        try:
            self._launch(port, timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def restart(self, timeout: float = 180) -> None:
        """Stop the server and start it again on the same port with the same data."""
        self._terminate()
        self._launch(self._port, timeout)

    def stop(self, keep_data: bool = False) -> None:
        """Stop the server (SIGTERM, then SIGKILL after a grace period); idempotent.

        With `keep_data`, a later `restart()` finds the data as it was (an outage).
        """
        self._terminate()
        if self._owned_data_dir is not None and not keep_data:
            self._owned_data_dir.cleanup()
            self._owned_data_dir = None

    def wait(self) -> int:
        """Block until the server exits; return its exit code."""
        if self._process is None:
            raise RuntimeError("the Neo4j server is not running")
        return self._process.wait()

    def __enter__(self) -> Neo4jServer:
        return self if self._process is not None else self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _launch(self, port: int, timeout: float) -> None:
        lib = ensure_jars()
        java = java_executable()
        if java is None:
            raise Neo4jUnavailable(f"java {JAVA_RELEASE} not found")
        heap = os.environ.get("TSUNAGARI_NEO4J_HEAP", DEFAULT_HEAP)
        command = [java, f"-Xmx{heap}", *JVM_FLAGS, "-cp", str(lib / "*"), str(LAUNCHER)]
        command += ["--port", str(port), "--data", str(self.data_dir)]
        self._output.clear()
        ready = threading.Event()
        self._process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        self._reader = threading.Thread(
            target=self._read_output, args=(self._process, ready), daemon=True
        )
        self._reader.start()
        if not ready.wait(timeout) or self._uri is None:
            status = "exited" if ready.is_set() else f"was not ready within {timeout:g}s"
            self._terminate()
            raise Neo4jUnavailable(f"Neo4j {status}; its last output:\n" + "\n".join(self._output))
        self._port = urlsplit(self._uri).port or port

    def _read_output(self, process: subprocess.Popen[str], ready: threading.Event) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            line = line.rstrip("\n")
            self._output.append(line)
            if line.startswith("BOLT_URI=") and not ready.is_set():
                self._uri = line.removeprefix("BOLT_URI=")
                ready.set()
        ready.set()

    def _terminate(self) -> None:
        process, self._process, self._uri = self._process, None, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdin is not None:
            process.stdin.close()
        if self._reader is not None:
            self._reader.join()
            self._reader = None


def main(argv: list[str] | None = None) -> int:
    """Run Neo4j in the foreground until Ctrl-C; print its Bolt URI."""
    parser = argparse.ArgumentParser(
        prog="python -m tsunagari.graph.neo4j.server",
        description=f"Run Neo4j {neo4j_version()} with Bolt on 127.0.0.1, no authentication.",
    )
    parser.add_argument("--port", type=int, default=0, help="Bolt port (default: a free one)")
    parser.add_argument("--data", type=Path, help="database directory (default: temporary)")
    args = parser.parse_args(argv)
    server = Neo4jServer()
    print(f"starting Neo4j {neo4j_version()} (its jars are fetched on first use)", file=sys.stderr)
    try:
        server.start(port=args.port, data_dir=args.data)
        print(server.uri, flush=True)
        return server.wait()
    except Neo4jUnavailable as error:
        print(f"Neo4j unavailable: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
