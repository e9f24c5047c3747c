"""Export bytes to text: UTF-8 line by line with a per-line fallback, controls neutralised.

A chat saved as UTF-8 by WhatsApp and later touched by a Windows editor can hold a single line in
Windows-1252. Decoding the whole file as Windows-1252 because of that line would turn every
"Jürgen" into "JÃ¼rgen". Here each block is decoded as UTF-8 in one C call; only a block that
fails is split into lines, and only the lines that are not valid UTF-8 are read as Windows-1252
(Latin-1 for the few bytes Windows-1252 does not define). The line numbers are kept so the
import report can name them.

NUL bytes and terminal control characters (C0 but tab and line ends, DEL, C1, so also ESC of
terminal escape sequences) are removed from the text before anything else sees it: they would
otherwise reach names, CSV files, HTML and the terminal.
"""

from __future__ import annotations

import io
import re
from typing import BinaryIO

BLOCK = 1 << 20
FALLBACK = "cp1252"
# C0 controls except \t \n \r, DEL, C1 controls
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
# the same, found in UTF-8 bytes before decoding (cheaper than a regex over the text): C0 and DEL
# by deleting them and comparing lengths, C1 (U+0080-U+009F, "\xc2\x80"-"\xc2\x9f") only when
# a "\xc2" lead byte is there at all
_C0_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32), 127])
_C1_BYTES = re.compile(rb"\xc2[\x80-\x9f]")


def neutralise(text: str) -> str:
    """The text without NUL bytes and terminal control characters (tab and line ends stay)."""
    return CONTROLS.sub("", text) if CONTROLS.search(text) else text


class LenientUtf8:
    """A text stream over UTF-8 bytes (newlines as "\\n", like newline=None) that never fails.

    `fallback_lines` lists the 1-based line numbers read with the fallback; `saw_utf8` says
    whether any non-ASCII line was valid UTF-8 (if none was, the whole file is probably
    Windows-1252); `controls_removed` counts removed control characters.
    """

    def __init__(self, raw: BinaryIO, bom: bool = False) -> None:
        self._raw = raw
        self._carry = b""
        self._line = 0  # lines before the next block
        self._bom = bom
        self._eof = False
        self.fallback_lines: list[int] = []
        self.saw_utf8 = False
        self.controls_removed = 0

    def __enter__(self) -> LenientUtf8:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._raw.close()

    def read(self, size: int = -1) -> str:
        """About `size` bytes of text, always ending at a line end but the last piece."""
        if self._eof:
            return ""
        want = BLOCK if size is None or size < 0 else max(size, 1)
        while True:
            data = self._raw.read(want)
            if not data:
                self._eof = True
                block, self._carry = self._carry, b""
                break
            data = self._carry + data
            cut = data.rfind(b"\n")
            if cut == -1:
                self._carry = data
                continue
            block, self._carry = data[: cut + 1], data[cut + 1 :]
            break
        if not block:
            return ""
        if self._bom:
            self._bom = False
            if block.startswith(b"\xef\xbb\xbf"):
                block = block[3:]
        fallbacks = len(self.fallback_lines)
        text = self._decode(block)
        self._line += block.count(b"\n")
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        controls = (
            len(block.translate(None, _C0_BYTES)) != len(block)
            or (b"\xc2" in block and _C1_BYTES.search(block) is not None)
            or len(self.fallback_lines) != fallbacks  # a fallback line may decode to C1
        )
        if controls:
            cleaned = CONTROLS.sub("", text)
            self.controls_removed += len(text) - len(cleaned)
            text = cleaned
        return text

    def _decode(self, block: bytes) -> str:
        try:
            text = block.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if not self.saw_utf8 and not block.isascii():
                self.saw_utf8 = True
            return text
        out = []
        for i, line in enumerate(block.splitlines(keepends=True)):
            try:
                out.append(line.decode("utf-8"))
                if not line.isascii():
                    self.saw_utf8 = True
            except UnicodeDecodeError:
                self.fallback_lines.append(self._line + i + 1)
                try:
                    out.append(line.decode(FALLBACK))
                except UnicodeDecodeError:
                    out.append(line.decode("latin-1"))
        return "".join(out)


class StrictText(io.TextIOWrapper):
    """Any other encoding, decoded strictly (newline=None), with control characters removed."""

    controls_removed = 0
    fallback_lines: list[int] = []
    saw_utf8 = False

    def read(self, size: int | None = -1) -> str:  # type: ignore[override]
        text = super().read(size)
        if CONTROLS.search(text):
            cleaned = CONTROLS.sub("", text)
            self.controls_removed += len(text) - len(cleaned)
            text = cleaned
        return text


def open_text(raw: BinaryIO, encoding: str):
    """A text stream of the export: lenient UTF-8, or a strict decoder for other encodings."""
    if encoding in ("utf-8", "utf-8-sig"):
        return LenientUtf8(raw, bom=encoding == "utf-8-sig")
    return StrictText(raw, encoding=encoding, errors="strict", newline=None)
