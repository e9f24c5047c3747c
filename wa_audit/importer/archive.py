"""Opening what a user drops in: a chat .txt, or a .zip that holds one. Never extracts to disk."""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from wa_audit import errors

MAX_TEXT_BYTES = 1 << 30  # 1 GiB of chat text: ~8M messages, far beyond any real export
MAX_ZIP_RATIO = 200  # text compresses ~5-10x; a bomb compresses thousands of times
CHUNK = 1 << 20
SMALL_FILE = 8 << 20  # a 40,000-message export is 2-5 MB

# "WhatsApp Chat with NAME.txt" and its translations; iOS zips "WhatsApp Chat - NAME.zip"
_TITLE = re.compile(
    r"^(?:WhatsApp[ _-]?Chat[ _](?:with|mit|-)|WhatsApp[ _-]chat[ _]met|Discussion[ _]WhatsApp[ _]avec|"
    r"Chat[ _]de[ _]WhatsApp[ _]con|Chat[ _]WhatsApp[ _]con|Conversa[ _]do[ _]WhatsApp[ _]com|"
    r"WhatsApp[ _]Chat[ _]med|WhatsApp[ _]Chat[ _]-)[ _]+(?P<title>.+?)(?:[ _]\(\d+\))?$",
    re.I,
)
_BINARY_MAGIC = (
    b"\xff\xd8\xff",  # JPEG
    b"\x89PNG",
    b"GIF8",
    b"%PDF",
    b"RIFF",  # webp, wav
    b"OggS",
    b"\x00\x00\x00",  # mp4/heic boxes
    b"ID3",
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf",
    b"Rar!",
    b"MZ",
    b"\x7fELF",
    b"SQLite format 3",
    b"PK\x03\x04",  # a zip with the wrong extension is handled by the caller
)
TEXT_SUFFIXES = {".txt", ".zip"}


def title_from_name(name: str) -> str | None:
    stem = Path(name).stem
    m = _TITLE.match(stem)
    if not m:
        return None
    return m.group("title").replace("_", " ").strip() or None


@dataclass
class ExportSource:
    """One chat text to parse: where it came from and how to (re)open it as bytes."""

    path: Path
    display_name: str  # what the user recognises: file name, or zip name + entry
    size: int  # bytes of the chat text
    title_hint: str | None
    entry: str | None = None  # zip entry name
    media_entries: set[str] = field(default_factory=set)

    _cached: bytes | None = field(default=None, repr=False, compare=False)

    def open_bytes(self) -> BinaryIO:
        """The chat text as bytes. Small exports (nearly all real ones) are read once and kept
        in memory, since hashing and both parser passes read them; large ones are streamed."""
        if self._cached is not None:
            return io.BytesIO(self._cached)
        if self.size <= SMALL_FILE:
            with self._open_raw() as f:
                self._cached = f.read()
            return io.BytesIO(self._cached)
        return self._open_raw()

    def _open_raw(self) -> BinaryIO:
        if self.entry is None:
            return self.path.open("rb")
        zf = zipfile.ZipFile(self.path)
        try:
            return _ZipEntryStream(zf, zf.open(self.entry))
        except Exception:
            zf.close()
            raise

    def sha256(self) -> str:
        h = hashlib.sha256()
        with self.open_bytes() as f:
            for block in iter(lambda: f.read(CHUNK), b""):
                h.update(block)
        return h.hexdigest()


class _ZipEntryStream(io.RawIOBase):
    """A zip entry that closes its ZipFile when closed."""

    def __init__(self, zf: zipfile.ZipFile, inner: BinaryIO) -> None:
        self._zf, self._inner = zf, inner

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        try:
            data = self._inner.read(len(b))
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise errors.CorruptZip(self._zf.filename or "") from exc
        b[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        self._zf.close()
        super().close()


def open_export(path: Path) -> ExportSource:
    """Validate a dropped file up front and say what is wrong in plain words."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise errors.FileUnreadable(name, reason=exc.strerror or "error") from exc
    if size == 0:
        raise errors.EmptyFile(name)
    with path.open("rb") as f:
        head = f.read(16)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _open_zip(path, size)
    if path.suffix.lower() == ".zip":
        raise errors.CorruptZip(name)
    if size > MAX_TEXT_BYTES:
        raise errors.FileTooLarge(name, size=_human(size), limit=_human(MAX_TEXT_BYTES))
    if any(head.startswith(m) for m in _BINARY_MAGIC) and not head.startswith(codecs.BOM_UTF16_LE):
        raise errors.NotAChatExport(name)
    return ExportSource(path, name, size, title_from_name(name))


def _open_zip(path: Path, size: int) -> ExportSource:
    name = path.name
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise errors.CorruptZip(name) from exc
    with zf:
        infos = zf.infolist()
        for info in infos:
            p = PurePosixPath(info.filename.replace("\\", "/"))
            if p.is_absolute() or ".." in p.parts or re.match(r"^[A-Za-z]:", info.filename):
                raise errors.UnsafeZip(name)
        texts = [i for i in infos if i.filename.lower().endswith(".txt") and not i.is_dir()]
        if not texts:
            raise errors.ZipWithoutChat(name)
        entry = _pick_chat_entry(texts)
        if entry.flag_bits & 0x1:
            raise errors.EncryptedZip(name)
        if entry.file_size > MAX_TEXT_BYTES:
            raise errors.FileTooLarge(
                name, size=_human(entry.file_size), limit=_human(MAX_TEXT_BYTES)
            )
        if entry.file_size == 0:
            raise errors.EmptyFile(name)
        ratio = entry.file_size / max(entry.compress_size, 1)
        if ratio > MAX_ZIP_RATIO and entry.file_size > 10 * CHUNK:
            raise errors.UnsafeZip(name)
        media = {PurePosixPath(i.filename).name for i in infos if i is not entry}
    title = title_from_name(name) or title_from_name(PurePosixPath(entry.filename).name)
    return ExportSource(
        path,
        name,
        entry.file_size,
        title,
        entry=entry.filename,
        media_entries=media,
    )


def _pick_chat_entry(texts: list[zipfile.ZipInfo]) -> zipfile.ZipInfo:
    for info in texts:
        if PurePosixPath(info.filename).name == "_chat.txt":
            return info
    named = [i for i in texts if "chat" in i.filename.lower() or "whatsapp" in i.filename.lower()]
    if len(named) == 1:
        return named[0]
    return max(named or texts, key=lambda i: i.file_size)


def expand_paths(paths: list[Path]) -> Iterator[Path]:
    """Files as given; folders recursively, keeping only what could be a chat export."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES:
                    yield child
        else:
            yield path


def _human(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)
