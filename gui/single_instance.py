"""One window per user: a second start with a project file hands the file to the running window and exits.

The running program listens on a local socket named for the user (a named pipe on Windows, a socket file
elsewhere). A start with a file argument first tries to connect: if a window answers within a moment, it
sends the file's absolute path and exits; the running window comes forward and opens it (asking to save its
own changes first). Without an answer it starts as usual. The server is set up after the window shows, so the
start-up pays nothing for it. A serving window also leaves a marker file in the temporary folder: a start
that finds none does not even import QtNetwork (~10 ms), which is the usual case of a first window.
"""
from __future__ import annotations

import os
import tempfile
import zlib
from pathlib import Path

CONNECT_MS = 300  # a running window answers in a few ms; a missing one fails at once
REPLY_MS = 3000


def server_name() -> str:
    """Per user (and per test run, through GKNB_INSTANCE_NAME): two clerks on one PC keep their own windows.
    crc32 rather than hashlib, and the user from the environment first: this runs before the window shows."""
    name = os.environ.get("GKNB_INSTANCE_NAME")
    if name:
        return name
    user = os.environ.get("USERNAME") or os.environ.get("USER")
    if not user:
        try:
            import getpass

            user = getpass.getuser()
        except Exception:  # noqa: BLE001 - no user name: one name for all is still better than none
            user = "user"
    return f"gknb-{zlib.crc32(user.encode('utf-8', 'replace')):08x}"


def marker() -> Path:
    """Says "a window may be serving": written after a successful listen, removed when that window quits.
    A stale one (after a crash) only costs the next start a failed connection."""
    return Path(tempfile.gettempdir()) / f"{server_name()}.serving"


def hand_over(path: str) -> bool:
    """Give the file to a running window. True when it took it (this process should then exit)."""
    if not marker().exists():
        return False
    from PySide6.QtNetwork import QLocalSocket

    sock = QLocalSocket()
    sock.connectToServer(server_name())
    if not sock.waitForConnected(CONNECT_MS):
        return False
    import json

    sock.write((json.dumps({"open": str(Path(path).absolute())}) + "\n").encode("utf-8"))
    sock.waitForBytesWritten(REPLY_MS)  # false when flushing already wrote everything: not a failure
    reply = b""
    while b"\n" not in reply and (sock.bytesAvailable() or sock.waitForReadyRead(REPLY_MS)):
        reply += bytes(sock.readAll())
    sock.disconnectFromServer()
    return reply.startswith(b"ok")


def listen(win) -> object | None:
    """Serve hand-overs for this window: each one brings it forward and opens the file. The server, or None
    when another window already serves (it then keeps the hand-overs)."""
    from PySide6.QtNetwork import QLocalServer

    server = QLocalServer(win)
    name = server_name()
    if not server.listen(name):
        # A socket file left by a crashed run (not on Windows): remove it if nobody answers on it.
        from PySide6.QtNetwork import QLocalSocket

        probe = QLocalSocket()
        probe.connectToServer(name)
        if probe.waitForConnected(CONNECT_MS):
            probe.disconnectFromServer()
            return None
        QLocalServer.removeServer(name)
        if not server.listen(name):
            return None

    def on_connection():
        while server.hasPendingConnections():
            sock = server.nextPendingConnection()
            sock.readyRead.connect(lambda s=sock: _serve(win, s))

    server.newConnection.connect(on_connection)
    token = f"{os.getpid()} {id(server)}"
    try:
        marker().write_text(token, encoding="ascii")
        server.destroyed.connect(lambda *_: _drop_marker(token))
    except OSError:  # no marker: later starts just won't look for this window
        pass
    return server


def _drop_marker(token: str) -> None:
    """Only our own marker: a newer window may have written its own since."""
    try:
        if marker().read_text(encoding="ascii") == token:
            marker().unlink()
    except OSError:
        pass


def _serve(win, sock) -> None:
    if not sock.canReadLine():
        return
    import json

    try:
        path = json.loads(bytes(sock.readLine()).decode("utf-8"))["open"]
    except (ValueError, KeyError, TypeError):
        sock.disconnectFromServer()
        return
    sock.write(b"ok\n")
    sock.flush()
    sock.disconnectFromServer()
    bring_forward(win)
    if isinstance(path, str) and path:
        win.open_handed_over(path)


def bring_forward(win) -> None:
    if win.isMinimized():
        win.showNormal()
    win.raise_()
    win.activateWindow()
