"""``seedsearch serve``: run the web app of :mod:`seedsearch.web` with uvicorn.

Kept apart from cli.py so that the CLI imports no web library; a missing
extra is one line on stderr (exit 2), like every other user mistake.
"""

from __future__ import annotations

import socket
import sys

from ..errors import SeedsearchError

__all__ = ["serve", "bind"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")
#: Host header names of this machine (the port is not part of the check).
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or SeedsearchError saying why not."""
    if not 0 <= port <= 65535:
        raise SeedsearchError(f"--port must be from 0 to 65535, not {port}")
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        raise SeedsearchError(f"cannot listen on {host}:{port}: {exc.strerror or exc} "
                              "(try another --port)") from None
    sock.set_inheritable(True)
    return sock


def serve(index: str, host: str = "127.0.0.1", port: int = 8000, out=sys.stdout) -> int:
    """Serve ``index`` until Ctrl-C; prints the address to open."""
    try:
        import uvicorn

        from ..web import create_app
    except ImportError as exc:
        raise SeedsearchError(f"serve needs the web extra ({exc.name} is missing): "
                              "pip install 'seedsearch[web]' "
                              "(in a clone: pip install -e '.[web]')") from None
    local = host in LOOPBACK
    # on this machine only, a request must name it (no DNS rebinding)
    app = create_app(index, allowed_hosts=LOCAL_NAMES if local else None)  # fails before we listen
    sock = bind(host, port)
    name, port = sock.getsockname()[:2]
    shown = f"[{name}]" if ":" in name else name
    print(f"seedsearch: serving {index} ({len(app.state.index)} documents); "
          f"open http://{shown}:{port}/  (Ctrl-C stops)", file=out, flush=True)
    if not local:
        print(f"seedsearch: note: listening on {host}: other machines can read this index",
              file=sys.stderr)
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])
    return 0
