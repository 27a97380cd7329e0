"""A real Oxigraph SPARQL server for the tests, on a free loopback port, and a real gateway.

The server is the `oxigraph` command from the `oxigraph` package (the test extra installs
it). :class:`Gateway` is a small HTTP reverse proxy in front of it, as a load balancer or
an authenticating proxy would stand in front of a production server: it passes every
request through to the real server, except that it can answer the first requests with a
gateway's failures (502, 503, 504, 429 with Retry-After) and can demand credentials.
Nothing here imitates the SPARQL server itself.
"""

from __future__ import annotations

import base64
import contextlib
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

__all__ = ["Gateway", "clear", "free_port", "oxigraph_command", "running_oxigraph"]


def oxigraph_command() -> str:
    """The path of the `oxigraph` server command, or skip saying how to install it."""
    here = Path(sys.executable).parent
    found = shutil.which("oxigraph", path=os.pathsep.join([str(here), os.environ.get("PATH", "")]))
    if found is None:
        pytest.skip(
            "the Oxigraph server is not installed: `pip install oxigraph` provides the "
            "`oxigraph` command (the [test] extra installs it)"
        )
    return found


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Oxigraph server exited with status {process.returncode}")
        try:
            response = httpx.get(f"{url}/query", params={"query": "ASK {}"}, trust_env=False)
            if response.status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"the Oxigraph server at {url} did not answer within {timeout:g} s")


@contextlib.contextmanager
def running_oxigraph(folder: Path, port: int | None = None) -> Iterator[str]:
    """Run `oxigraph serve` on a loopback port with its data in ``folder``; yield its URL."""
    command = oxigraph_command()
    for _ in range(5):
        chosen = free_port() if port is None else port
        url = f"http://127.0.0.1:{chosen}"
        process = subprocess.Popen(
            [command, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{chosen}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            _wait_until_up(url, process)
        except RuntimeError:
            process.kill()
            process.wait()
            if port is not None:
                raise
            continue  # the port was taken between choosing and binding: choose again
        try:
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stderr is not None:
                process.stderr.close()
        return
    raise RuntimeError("could not start the Oxigraph server on a free port")


def clear(url: str) -> None:
    """Empty the server at ``url`` (every graph), for a test that starts from nothing."""
    response = httpx.post(f"{url}/update", data={"update": "DROP ALL"}, trust_env=False)
    response.raise_for_status()


class Gateway:
    """A reverse proxy on a free loopback port in front of ``upstream``.

    ``fail`` is a list of (status, headers) answers to give, in order, to the first
    requests instead of passing them on; ``credentials`` (user, password), when set,
    must come with each request as basic authentication (``token`` as a bearer token), as
    a proxy in front of a server would demand; ``delay`` holds each answer back that many
    seconds, as an overloaded one would. ``requests`` counts what reached the gateway,
    ``methods`` lists their HTTP methods.
    """

    def __init__(
        self,
        upstream: str,
        *,
        fail: list[tuple[int, dict[str, str]]] | None = None,
        credentials: tuple[str, str] | None = None,
        token: str | None = None,
        delay: float = 0.0,
    ) -> None:
        self.upstream = upstream
        self.delay = delay
        self.fail = list(fail or [])
        self.credentials = credentials
        self.token = token
        self.requests = 0
        self.methods: list[str] = []
        self.authorizations: list[str | None] = []
        gateway = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                """Quiet: the tests say what matters."""

            def _handle(self) -> None:
                gateway.requests += 1
                gateway.methods.append(self.command)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                authorization = self.headers.get("Authorization")
                gateway.authorizations.append(authorization)
                time.sleep(gateway.delay)
                if gateway.fail:
                    status, headers = gateway.fail.pop(0)
                    self._answer(status, headers, b"the gateway is busy")
                    return
                if not gateway.allowed(authorization):
                    self._answer(401, {"WWW-Authenticate": 'Basic realm="sparql"'}, b"no")
                    return
                forwarded = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() not in ("host", "authorization", "content-length", "connection")
                }
                with httpx.Client(trust_env=False, timeout=60) as client:
                    response = client.request(
                        self.command,
                        gateway.upstream + self.path,
                        content=body,
                        headers=forwarded,
                    )
                headers = {
                    k: v
                    for k, v in response.headers.items()
                    if k.lower() in ("content-type", "location", "retry-after")
                }
                self._answer(response.status_code, headers, response.content)

            def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = _handle  # noqa: N815 - http.server names

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def allowed(self, authorization: str | None) -> bool:
        """Whether a request with this Authorization header may pass."""
        if self.credentials is not None:
            user, password = self.credentials
            expected = base64.b64encode(f"{user}:{password}".encode()).decode()
            return authorization == f"Basic {expected}"
        if self.token is not None:
            return authorization == f"Bearer {self.token}"
        return True

    def __enter__(self) -> Gateway:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
