"""Shared plumbing for CLI commands: database, actor, output, error handling."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from typing import Any, Callable

from propdesk.db import Database
from propdesk.errors import PropDeskError, ValidationFailed
from propdesk.security import Actor, system_actor


def add(sub, common, name: str, handler: Callable, help: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, parents=[common], help=help, description=help)
    p.set_defaults(handler=handler)
    return p


def add_group(sub, common, name: str, help: str):
    p = sub.add_parser(name, parents=[common], help=help, description=help)
    return p.add_subparsers(dest=f"{name}_command", metavar="SUBCOMMAND", required=True)


def open_db(args, *, upgrade: bool = True) -> Database:
    db = Database(args.db)
    if upgrade:
        db.upgrade()
    return db


def actor(args) -> Actor:
    return system_actor()


def _default(o: Any):
    if isinstance(o, Decimal):
        return str(o)
    return str(o)


def emit(args, data: Any, text: str | None = None) -> None:
    """Print ``data`` as JSON with --json, else the human ``text``."""
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=_default))
    elif text is not None:
        print(text)


def run_command(args) -> int:
    try:
        rc = args.handler(args)
        return int(rc or 0)
    except ValidationFailed as exc:
        if args.json:
            print(json.dumps({"ok": False, "error": exc.zh, "error_en": exc.en,
                              "problems": [{"where": p.where, "error": p.zh, "error_en": p.en}
                                           for p in exc.problems]},
                             ensure_ascii=False, indent=2), file=sys.stderr)
        else:
            print(str(exc), file=sys.stderr)
        return exc.exit_code
    except PropDeskError as exc:
        if args.json:
            print(json.dumps({"ok": False, "error": exc.zh, "error_en": exc.en}, ensure_ascii=False),
                  file=sys.stderr)
        else:
            print(f"错误 (error): {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
