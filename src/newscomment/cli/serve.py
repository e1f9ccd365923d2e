"""``newscomment serve``: the web page and the HTTP API (the ``server`` extra)."""

from __future__ import annotations

import argparse

from newscomment.cli.options import (
    add_encoder,
    add_llm_options,
    add_max_chars,
    at_least_one,
    setting_option,
    settings_from,
)
from newscomment.extras import require
from newscomment.settings import ServerSettings

NAME = "serve"
HELP = "serve the web page and the HTTP API"
EPILOG = None
DESCRIPTION = "Serve the web page at / and the JSON API under /api (schema at /openapi.json)."
DEFAULTS = ServerSettings()


def add(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    parser.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="processes, each with its own pipeline (about 250 MB each; default: %(default)s)",
    )
    setting_option(
        parser,
        "--max-body-bytes",
        "max_body_bytes",
        metavar="N",
        help=f"larger request bodies get 413 (default: {DEFAULTS.max_body_bytes:,})",
    )
    add_max_chars(parser)
    add_encoder(parser)
    setting_option(
        parser,
        "--timeout",
        "request_timeout",
        metavar="SECONDS",
        help=f"requests taking longer get 503 (default: {DEFAULTS.timeout:g})",
    )
    setting_option(
        parser,
        "--allow-private-urls",
        "allow_private_urls",
        action="store_true",
        help="let clients have the server fetch URLs on loopback and private networks",
    )
    add_llm_options(parser, backend=False)


def run(args: argparse.Namespace) -> str:
    """Serve until interrupted."""
    at_least_one(args, "workers")
    require("server", "newscomment serve")
    from newscomment.server.serve import serve

    serve(settings_from(args), host=args.host, port=args.port, workers=args.workers)
    return "newscomment: server stopped"
