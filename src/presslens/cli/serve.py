"""``presslens serve``: the local web app over a corpus store (FastAPI served by uvicorn)."""

from __future__ import annotations

import ipaddress
import os

import typer

from presslens.errors import ServeError

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond this machine without an access token."""
    if host in LOCAL_HOSTS:
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    if not token:
        raise ServeError(f"binding to {host} opens the corpus to the network: give --token "
                         "(or PRESSLENS_TOKEN), which every request must then carry")
    if len(token) < 16:
        raise ServeError("--token must be at least 16 characters")


def serve(
    db: str = typer.Option(None, "--db", help="Store URL: a file path, sqlite:///… or postgresql://… "
                           "(default: $PRESSLENS_DB or presslens.db)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (this machine only by default)."),
    port: int = typer.Option(8765, "--port", min=1, max=65535, help="Port to listen on."),
    token: str = typer.Option(None, "--token", envvar="PRESSLENS_TOKEN",
                              help="Access token every request must carry (required beyond 127.0.0.1)."),
    read_only: bool = typer.Option(False, "--read-only", help="Disable pasting and uploading articles."),
) -> None:
    """Serve the corpus in a browser: search, documents, entities, claims, analyse new articles."""
    import uvicorn

    from presslens.web import WebConfig, create_app

    check_bind(host, token)
    url = db or os.environ.get("PRESSLENS_DB") or "presslens.db"
    app = create_app(WebConfig(db=url, read_only=read_only, token=token or None))
    shown = f"http://{host}:{port}/" + ("?token=…" if token else "")
    typer.echo(f"presslens serve: {url} at {shown} (Ctrl+C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def register(app: typer.Typer) -> None:
    """Attach ``serve`` to the CLI."""
    app.command("serve")(serve)
