"""The ``propdesk`` command line: a thin layer over the services.

Each area has a module here with ``register(subparsers)``; ``COMMAND_MODULES``
lists them.  Every command accepts ``--db PATH_OR_URL`` and ``--json`` before
or after the subcommand (``PROPDESK_DB`` is the default database).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from propdesk.cli.common import run_command

COMMAND_MODULES = [
    "propdesk.cli.master",
    "propdesk.cli.billing",
    "propdesk.cli.excel",
    "propdesk.cli.service",
    "propdesk.cli.cashier",
    "propdesk.cli.cards",
    "propdesk.cli.devices",
    "propdesk.cli.sync",
]


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS,
                        help="数据库文件或URL (database file or URL; default $PROPDESK_DB)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="输出JSON (machine-readable output)")
    parser = argparse.ArgumentParser(
        prog="propdesk", parents=[common],
        description="PropDesk 物业管理 命令行 (property-management command line)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.db = getattr(args, "db", None)
    args.json = getattr(args, "json", False)
    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
