"""ESC/POS: command bytes by hand, text encoding that never fails, status decoding, the printer over a pty."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.errors import BadFrame, PaperOut, PrinterOffline
from drivers.escpos import EscPos, ReceiptPrinter, decode_status, encode_text, printable, status_request
from drivers.layout import PAPER_80MM
from drivers.simulators import PrinterSimulator
from drivers.transport import SerialSettings

FAST = SerialSettings(baudrate=9600, timeout=0.25)
FUZZ = settings(deadline=None, max_examples=300)


def build(*steps: str) -> bytes:
    """Bytes from hex strings, to write expected output as in the ESC/POS manual."""
    return bytes.fromhex(" ".join(steps))


# -- builder ------------------------------------------------------------------------


def test_init_enters_chinese_mode() -> None:
    assert EscPos().init().to_bytes() == build("1B 40", "1C 26")  # ESC @, FS &
    assert EscPos(chinese=False).init().to_bytes() == build("1B 40")
    assert EscPos().chinese_mode(False).to_bytes() == build("1C 2E")  # FS .


def test_styles() -> None:
    job = EscPos().align("center").bold().underline(2).size(2, 2).size(1, 2).size(3, 1).bold(False)
    assert job.to_bytes() == build(
        "1B 61 01",  # ESC a 1
        "1B 45 01",  # ESC E 1
        "1B 2D 02",
        "1C 2D 02",  # ESC - 2 and FS - 2 for Chinese characters
        "1D 21 11",  # GS ! (2-1) << 4 | (2-1)
        "1D 21 01",  # width 1, height 2
        "1D 21 20",  # width 3, height 1
        "1B 45 00",
    )


def test_feed_cut_and_drawer() -> None:
    assert EscPos().feed(3).to_bytes() == build("1B 64 03")
    assert EscPos().cut(partial=True, feed=0).to_bytes() == build("1D 56 01")
    assert EscPos().cut().to_bytes() == build("1D 56 41 03")  # GS V 65 3: feed 3 lines, full cut
    assert EscPos().cut(partial=True, feed=5).to_bytes() == build("1D 56 42 05")
    # ESC p 0 t1 t2: 50 ms on = 25 × 2 ms (19h), 500 ms off = 250 × 2 ms (FAh).
    assert EscPos().drawer().to_bytes() == build("1B 70 00 19 FA")
    with pytest.raises(ValueError):
        EscPos().drawer(pin=2)


def test_qr_code() -> None:
    assert EscPos().qr("AB", size=6, ecc="M").to_bytes() == build(
        "1D 28 6B 04 00 31 41 32 00",  # model 2
        "1D 28 6B 03 00 31 43 06",  # module size 6
        "1D 28 6B 03 00 31 45 31",  # error correction M
        "1D 28 6B 05 00 31 50 30 41 42",  # store: pL = 2 data bytes + 3
        "1D 28 6B 03 00 31 51 30",  # print
    )
    with pytest.raises(ValueError):
        EscPos().qr("")


def test_code128() -> None:
    assert EscPos().barcode128("12{3").to_bytes() == build(
        "1D 68 50",
        "1D 77 02",
        "1D 48 02",  # height 80, module 2, text below
        "1D 6B 49 07 7B 42 31 32 7B 7B 33",  # GS k 73 n {B 1 2 {{ 3
    )
    with pytest.raises(ValueError):
        EscPos().barcode128("缴费")


def test_text_is_gbk_with_the_yen_sign_mapped() -> None:
    assert EscPos().text("合计¥100").to_bytes() == build("BA CF BC C6", "A3 A4", "31 30 30")
    assert EscPos().line("A").to_bytes() == b"A\n"


def test_yen_map_is_configurable() -> None:
    assert EscPos(char_map={"¥": "元"}).text("¥5").to_bytes() == build("D4 AA 35")
    assert printable("¥5", char_map={}) == "?5"  # no map at all: unencodable, so '?'


def test_gb18030_printers_still_get_the_full_width_yen() -> None:
    assert encode_text("¥", "gb18030") == build("A3 A4")
    assert encode_text("㐀", "gb18030") == "㐀".encode("gb18030")  # beyond GBK, fine in GB18030
    assert encode_text("㐀", "gbk") == b"?"


def test_unencodable_and_control_characters_become_question_marks() -> None:
    assert encode_text("a🙂b") == b"a?b"
    assert encode_text("x\x1b@y\x00") == b"x?@y?"  # no command injection through customer names
    assert encode_text("第一行\n第二行").count(b"\n") == 1


@FUZZ
@given(st.text(max_size=60), st.sampled_from(["gbk", "gb18030", "cp437"]))
def test_any_text_encodes(text: str, encoding: str) -> None:
    data = encode_text(text, encoding)
    assert all(b >= 0x20 or b == 0x0A for b in data)


def test_layout_helpers_use_the_current_width() -> None:
    job = EscPos(columns=PAPER_80MM)
    assert job.line_width == 48
    job.size(2, 2)
    assert job.line_width == 24
    job.rule("=")
    assert job.to_bytes().endswith(b"=" * 24 + b"\n")
    with pytest.raises(ValueError):
        job.row(["a", "b"], [20, 20])


# -- status ---------------------------------------------------------------------------


def test_status_requests() -> None:
    assert [status_request(n) for n in (1, 2, 4)] == [build("10 04 01"), build("10 04 02"), build("10 04 04")]


def test_status_ready() -> None:
    status = decode_status(0x12, 0x12, 0x12)
    assert status.ready and status.online and not status.paper_near_end


def test_status_paper_out() -> None:
    # DLE EOT 1 = 0001 1010: bit 3 offline. DLE EOT 2 = 0011 0010: bit 5 stopped by paper end.
    # DLE EOT 4 = 0111 1110: bits 2-3 near end, bits 5-6 paper end.
    status = decode_status(0x1A, 0x32, 0x7E)
    assert status.paper_out and status.paper_near_end and not status.online and not status.ready


def test_status_cover_open_and_error() -> None:
    cover = decode_status(0x1A, 0x16, 0x12)  # DLE EOT 2 bit 2
    assert cover.cover_open and not cover.online and not cover.paper_out
    assert decode_status(0x1A, 0x52, 0x12).error  # bit 6
    assert decode_status(0x16, 0x12, 0x12).drawer_pin3_high  # DLE EOT 1 bit 2


@pytest.mark.parametrize("byte", [0x00, 0xFF, 0x13, 0x92])
def test_a_byte_that_is_not_a_status_is_refused(byte: int) -> None:
    with pytest.raises(BadFrame):
        decode_status(0x12, byte, 0x12)


# -- the printer over a pty --------------------------------------------------------------


@pytest.fixture
def printer(printer_sim: PrinterSimulator) -> Iterator[ReceiptPrinter]:
    with ReceiptPrinter.open(printer_sim.port, FAST) as device:
        yield device


def receipt(printer: ReceiptPrinter) -> EscPos:
    return (
        printer.receipt()
        .align("center")
        .bold()
        .size(2, 2)
        .line("缴费收据")
        .size()
        .bold(False)
        .align("left")
        .line("房号：3栋2单元501")
        .item("物业费", "3", "¥360.00")
        .pair("合计", "¥360.00")
        .qr("https://pay.example/r/2024-0001")
        .barcode128("R2024-0001")
        .cut()
    )


def test_prints_a_receipt(printer: ReceiptPrinter, printer_sim: PrinterSimulator) -> None:
    status = printer.print(receipt(printer))
    assert status is not None and status.ready
    printer.status()  # a round trip: the simulator has handled every byte sent before it
    assert printer_sim.transcript == [
        "[INIT]",
        "[ALIGN center][BOLD on][SIZE 2x2]缴费收据",
        "[SIZE 1x1][BOLD off][ALIGN left]房号：3栋2单元501",
        "物业费" + " " * 14 + "3" + " " * 3 + "￥360.00",  # columns 14 | 6 | 10
        "合计" + " " * 20 + "￥360.00",
        "[QR:https://pay.example/r/2024-0001]",
        "[BARCODE CODE128:R2024-0001]",
        "[CUT]",
    ]
    assert printer_sim.lines[0] == "缴费收据"


def test_chinese_without_fs_ampersand_prints_garbage(
    printer: ReceiptPrinter, printer_sim: PrinterSimulator
) -> None:
    printer.print(EscPos(chinese=False).init().line("合计"))
    printer.status()
    assert printer_sim.lines == ["║╧╝╞"]  # GBK bytes BA CF BC C6 read as code page 437


def test_paper_out_stops_the_job(printer: ReceiptPrinter, printer_sim: PrinterSimulator) -> None:
    printer_sim.set_state(paper_out=True, paper_near_end=True)
    with pytest.raises(PaperOut) as caught:
        printer.print(receipt(printer))
    assert str(caught.value).startswith("打印机缺纸") and printer_sim.port in str(caught.value)
    assert printer_sim.transcript == [] and printer_sim.dropped_bytes == 0


def test_near_end_still_prints(printer: ReceiptPrinter, printer_sim: PrinterSimulator) -> None:
    printer_sim.set_state(paper_near_end=True)
    status = printer.print(EscPos().init().line("ok"))
    assert status is not None and status.paper_near_end


@pytest.mark.parametrize(
    ("state", "reason"), [({"cover_open": True}, "机盖未关好"), ({"error": True}, "打印机故障")]
)
def test_offline_printer(
    printer: ReceiptPrinter, printer_sim: PrinterSimulator, state: dict, reason: str
) -> None:
    printer_sim.set_state(**state)
    with pytest.raises(PrinterOffline, match=reason):
        printer.print(EscPos().init().line("x"))


def test_unpowered_printer_does_not_answer(printer: ReceiptPrinter, printer_sim: PrinterSimulator) -> None:
    printer_sim.set_state(powered=False)
    with pytest.raises(PrinterOffline, match="打印机无应答"):
        printer.status()


def test_printing_blind_to_a_printer_without_paper_loses_the_job(printer_sim: PrinterSimulator) -> None:
    printer_sim.set_state(paper_out=True)
    with ReceiptPrinter.open(printer_sim.port, FAST, check_status=False) as blind:
        assert blind.print(EscPos().init().line("lost")) is None
    with ReceiptPrinter.open(printer_sim.port, FAST) as checking:
        checking.status()
    assert printer_sim.transcript == [] and printer_sim.dropped_bytes == len(
        EscPos().init().line("lost").to_bytes()
    )


def test_cash_drawer(printer: ReceiptPrinter, printer_sim: PrinterSimulator) -> None:
    printer.open_drawer()
    printer.status()
    assert printer_sim.transcript == ["[DRAWER pin2]"]
