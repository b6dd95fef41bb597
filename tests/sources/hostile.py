"""A hostile web server on 127.0.0.1: exactly the bytes a test scripts, per path.

http.server cannot send a reason phrase with escape sequences, a malformed
Location, headers a byte at a time or a lying Content-Length, and it speaks
HTTP/1.0 by default. This one writes what it is given, keeps connections
alive (HTTP/1.1) unless told not to, and records every request with the
connection it came on. It is bounded: each connection times out after a few
seconds, a scripted drip stops when the test ends, and the test stops it.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# A client that neither sends nor closes is dropped after this long.
_IDLE_SECONDS = 5.0
_MAX_HEAD = 64 * 1024


@dataclass(frozen=True)
class Request:
    """One request as the server read it."""

    connection: int
    path: str
    headers: dict[str, str]


@dataclass(frozen=True)
class Answer:
    """Bytes to send as they are; ``keep_alive`` leaves the connection open for more."""

    data: bytes
    keep_alive: bool = True


Script = Callable[["Exchange"], None]
"""Writes an answer itself (a drip, a lie); the connection is closed after it."""


@dataclass
class Exchange:
    """What a script may do: send bytes, and wait without outliving the test."""

    sock: socket.socket
    stopping: threading.Event

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def pause(self, seconds: float) -> bool:
        """Wait; False when the server is stopping and the script should end."""
        return not self.stopping.wait(seconds)


def response(
    status: str = "200 OK",
    body: bytes = b"",
    headers: Sequence[tuple[str, str]] = (("Content-Type", "text/html; charset=utf-8"),),
    *,
    length: bool = True,
) -> bytes:
    """A raw HTTP/1.1 answer; header values are latin-1, so any byte can be sent."""
    lines = [f"HTTP/1.1 {status}"] + [f"{name}: {value}" for name, value in headers]
    if length:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


@dataclass
class HostileServer:
    """The running server; ``routes`` maps a path to an Answer or a Script."""

    routes: dict[str, Answer | Script] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    base: str = ""

    def __post_init__(self) -> None:
        self.stopping = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.base = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._lock = threading.Lock()
        self._connections = 0
        self._threads: list[threading.Thread] = []
        self._accepting = threading.Thread(target=self._accept, daemon=True)
        self._accepting.start()

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self) -> None:
        self.stopping.set()
        self._accepting.join(timeout=5)
        self._listener.close()
        for thread in self._threads:
            thread.join(timeout=_IDLE_SECONDS + 1)

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                sock, _address = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._connections += 1
                number = self._connections
            thread = threading.Thread(target=self._serve, args=(sock, number), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, sock: socket.socket, number: int) -> None:
        sock.settimeout(_IDLE_SECONDS)
        with sock, contextlib.suppress(OSError):
            buffer = b""
            while not self.stopping.is_set():
                while b"\r\n\r\n" not in buffer:
                    chunk = sock.recv(4096)
                    if not chunk or len(buffer) > _MAX_HEAD:
                        return
                    buffer += chunk
                head, _sep, buffer = buffer.partition(b"\r\n\r\n")
                request_line, *header_lines = head.decode("latin-1").split("\r\n")
                path = request_line.split(" ")[1] if " " in request_line else ""
                headers = {}
                for line in header_lines:
                    name, _colon, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
                with self._lock:
                    self.requests.append(Request(number, path, headers))
                answer = self.routes.get(path.split("?")[0], Answer(response("404 Not Found")))
                if isinstance(answer, Answer):
                    sock.sendall(answer.data)
                    if not answer.keep_alive:
                        return
                else:
                    answer(Exchange(sock, self.stopping))
                    return
