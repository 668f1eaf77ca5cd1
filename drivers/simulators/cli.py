"""Command line of the simulators: ``python -m drivers.simulators KIND [options]``.

Prints the port a client should open, then serves until Ctrl-C (or until
``stop`` is set when called from another program).
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import TextIO

from drivers.modbus_meter import preset, preset_names
from drivers.simulators.base import Simulator
from drivers.simulators.card import CardReaderSimulator
from drivers.simulators.cjt188 import CJT188Simulator, SimulatedFlowMeter
from drivers.simulators.dlt645 import DLT645Simulator
from drivers.simulators.modbus import ModbusSimulator
from drivers.simulators.printer import PrinterSimulator

DEFAULT_METERS = {
    "dlt645": ["123456789012=1234.56"],
    "cjt188": ["12345678901234=56.78"],
    "modbus": ["1=1234.56"],
}


def build_parser(prog: str = "python -m drivers.simulators") -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--tcp",
        type=int,
        metavar="PORT",
        help="serve on TCP (socket://HOST:PORT, 0 = any free port) instead of a pty",
    )
    common.add_argument("--host", default="127.0.0.1", help="TCP address to listen on (default 127.0.0.1)")

    parser = argparse.ArgumentParser(prog=prog, description="Simulated PropDesk devices.")
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")

    printer = kinds.add_parser("printer", parents=[common], help="ESC/POS receipt printer")
    printer.add_argument("--paper-out", action="store_true")
    printer.add_argument("--near-end", action="store_true", help="paper roll nearly empty")
    printer.add_argument("--cover-open", action="store_true")
    printer.add_argument("--encoding", default="gbk")
    printer.add_argument("--quiet", action="store_true", help="do not echo printed lines")

    card = kinds.add_parser("card", parents=[common], help="PN532 reader with a MIFARE Classic 1K card")
    card.add_argument("--uid", default="01020304", help="4-byte card UID in hex (default 01020304)")
    card.add_argument("--no-card", action="store_true", help="start with no card on the reader")

    meter_help = "a meter and its reading, repeatable"
    dlt = kinds.add_parser("dlt645", parents=[common], help="DL/T 645-2007 electricity meters")
    dlt.add_argument("--meter", action="append", metavar="ADDRESS=KWH", help=meter_help)
    dlt.add_argument("--echo", action="store_true", help="echo requests like some RS-485 adapters")

    cjt = kinds.add_parser("cjt188", parents=[common], help="CJ/T 188-2004 water/gas meters")
    cjt.add_argument("--meter", action="append", metavar="ADDRESS=M3", help=meter_help)
    cjt.add_argument("--type", default="10", help="meter type in hex (10 water, 30 gas; default 10)")
    cjt.add_argument("--di-order", choices=("big", "little"), default="big")

    mb = kinds.add_parser("modbus", parents=[common], help="Modbus RTU energy meters")
    mb.add_argument("--meter", action="append", metavar="UNIT=KWH", help=meter_help)
    mb.add_argument("--preset", choices=preset_names(), default="eastron_sdm")
    return parser


def _meters(args: argparse.Namespace, parser: argparse.ArgumentParser) -> list[tuple[str, Decimal]]:
    pairs = []
    for item in args.meter or DEFAULT_METERS[args.kind]:
        address, _, value = item.partition("=")
        try:
            pairs.append((address.strip(), Decimal(value)))
        except InvalidOperation:
            parser.error(f"--meter expects ADDRESS=VALUE, got {item!r}")
    return pairs


def create(args: argparse.Namespace, parser: argparse.ArgumentParser | None = None) -> Simulator:
    """A configured, not yet started simulator for parsed arguments."""
    parser = parser or build_parser()
    where = {"tcp_port": args.tcp, "host": args.host}
    if args.kind == "printer":
        printer = PrinterSimulator(encoding=args.encoding, **where)
        printer.set_state(paper_out=args.paper_out, paper_near_end=args.near_end, cover_open=args.cover_open)
        return printer
    if args.kind == "card":
        reader = CardReaderSimulator(**where)
        if not args.no_card:
            reader.place_card(bytes.fromhex(args.uid))
        return reader
    meters = _meters(args, parser)
    if args.kind == "dlt645":
        dlt = DLT645Simulator(echo=args.echo, **where)
        for address, value in meters:
            dlt.add_meter(address, energy=value)
        return dlt
    if args.kind == "cjt188":
        cjt = CJT188Simulator(di_order=args.di_order, **where)
        for address, value in meters:
            cjt.add_meter(address, SimulatedFlowMeter(meter_type=int(args.type, 16), current=value))
        return cjt
    modbus = ModbusSimulator(**where)
    total = preset(args.preset).total
    for unit, value in meters:
        modbus.add_meter(int(unit), args.preset, **{total: value})
    return modbus


def serve(sim: Simulator, *, out: TextIO = sys.stdout, stop: threading.Event | None = None) -> None:
    """Start ``sim``, print its port, and serve until Ctrl-C or ``stop`` is set."""
    stop = stop or threading.Event()
    with sim:
        print(f"{sim.kind} simulator ready on: {sim.port}", file=out, flush=True)
        print("Open that port in PropDesk. Ctrl-C stops the simulator.", file=out, flush=True)
        try:
            while not stop.wait(0.2):
                pass
        except KeyboardInterrupt:
            pass


def main(
    argv: Sequence[str] | None = None,
    *,
    out: TextIO = sys.stdout,
    stop: threading.Event | None = None,
) -> int:
    """Entry point; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        sim = create(args, parser)
    except ValueError as exc:
        parser.error(str(exc))
    if isinstance(sim, PrinterSimulator) and not args.quiet:
        sim.on_line = lambda line: print(f"  | {line}", file=out, flush=True)
    serve(sim, out=out, stop=stop)
    return 0
