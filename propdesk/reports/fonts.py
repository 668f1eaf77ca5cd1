"""A CJK font for reportlab, found once per process.

reportlab embeds TrueType (glyf) fonts only, so the candidates are TrueType
CJK fonts: WenQuanYi Micro Hei on Linux (Debian ``fonts-wqy-microhei``),
Microsoft YaHei, SimSun or SimHei on Windows, PingFang/STHeiti on macOS.  If
none is installed, the Adobe CID font STSong-Light is used: every PDF reader
shows it, but it is not embedded.  ``PROPDESK_CJK_FONT`` may name a .ttf/.ttc
to use instead.
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

FONT_NAME = "PropDeskCJK"
CID_FALLBACK = "STSong-Light"


def _windows_fonts() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def candidates() -> list[tuple[Path, int]]:
    """(file, subfont index) in order of preference for this platform."""
    env = os.environ.get("PROPDESK_CJK_FONT")
    out: list[tuple[Path, int]] = [(Path(env), 0)] if env else []
    if sys.platform == "win32":
        w = _windows_fonts()
        out += [(w / "msyh.ttc", 0), (w / "msyh.ttf", 0), (w / "simsun.ttc", 0), (w / "simhei.ttf", 0)]
    elif sys.platform == "darwin":
        out += [(Path("/System/Library/Fonts/STHeiti Light.ttc"), 0),
                (Path("/Library/Fonts/Arial Unicode.ttf"), 0)]
    out += [(Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), 0),
            (Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"), 0),
            (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
            (Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0)]
    return out


@dataclass(frozen=True)
class CjkFont:
    name: str          # the reportlab font name to use
    path: str          # the file embedded, or "" for the CID fallback
    embedded: bool


@functools.cache
def cjk_font() -> CjkFont:
    """Register (once) and return the CJK font for PDFs."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    for path, index in candidates():
        if not path.is_file():
            continue
        try:
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=index))
        except (TTFError, OSError):
            continue  # e.g. a CFF-outline font reportlab cannot embed
        return CjkFont(FONT_NAME, str(path), True)
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return CjkFont(CID_FALLBACK, "", False)
