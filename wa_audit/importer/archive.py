"""Opening what a user drops in: a chat .txt, or a .zip that holds one. Never extracts to disk."""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from wa_audit import errors
from wa_audit.importer.faults import DamagedZipEntry, UnsupportedZipMethod

MAX_TEXT_BYTES = 1 << 30  # 1 GiB of chat text: ~8M messages, far beyond any real export
MAX_ZIP_RATIO = 200  # text compresses ~5-10x; a bomb compresses thousands of times
CHUNK = 1 << 20
SMALL_FILE = 8 << 20  # a 40,000-message export is 2-5 MB
SNIFF_BYTES, SNIFF_LINES = 16 << 10, 40  # enough of a zipped .txt to tell a chat from a document
_COMPRESSIONS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}

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


# file names that say nothing about which chat it is: the folder around them may
_GENERIC_STEMS = {"_chat", "chat", "whatsapp chat", "whatsapp", "chats", "whatsapp-chat"}


def title_from_name(name: str) -> str | None:
    stem = Path(name).stem
    m = _TITLE.match(stem)
    if not m:
        return None
    return m.group("title").replace("_", " ").strip() or None


def chat_name(name: str, folder: str = "") -> str:
    """Which chat a file is, from its name alone: the partner or group in "WhatsApp Chat with
    NAME" (any language), else the file's own name; a generic name (`_chat.txt`) takes the name
    of the folder around it. Two exports with the same chat name and content are one chat; with
    different names they are different chats even when their content is byte-identical (a bulk
    sender's unanswered chats are)."""
    title = title_from_name(name)
    if title is None:
        stem = Path(name).stem
        if stem.strip().casefold() in _GENERIC_STEMS and folder:
            title = title_from_name(folder + ".txt") or folder
        else:
            title = stem
    return title


def chat_identity(title: str) -> str:
    """The chat name as compared: case, spacing, "_" and a copy number " (1)" do not count."""
    text = " ".join(title.replace("_", " ").casefold().split())
    return re.sub(r"\s+\(\d+\)$", "", text)


@dataclass
class ExportSource:
    """One chat text to parse: where it came from and how to (re)open it as bytes."""

    path: Path
    display_name: str  # what the user recognises: file name, or zip name + entry
    size: int  # bytes of the chat text
    title_hint: str | None
    entry: str | None = None  # zip entry name
    media_entries: set[str] = field(default_factory=set)
    chat: str = ""  # which chat this is, from the file (or zip entry) name: see chat_name

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
            return _ZipEntryStream(zf, zf.open(self.entry), self.display_name)
        except NotImplementedError as exc:
            zf.close()
            raise UnsupportedZipMethod(self.display_name, method="?") from exc
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            zf.close()
            raise DamagedZipEntry(self.display_name) from exc
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

    def __init__(self, zf: zipfile.ZipFile, inner: BinaryIO, name: str) -> None:
        self._zf, self._inner, self._name = zf, inner, name

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        try:
            data = self._inner.read(len(b))
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error) as exc:
            # broken deflate data, a CRC mismatch, a truncated entry
            raise DamagedZipEntry(self._name) from exc
        except NotImplementedError as exc:
            raise UnsupportedZipMethod(self._name, method="?") from exc
        b[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        self._zf.close()
        super().close()


def open_export(path: Path, entry: str | None = None) -> ExportSource:
    """Validate a dropped file up front and say what is wrong in plain words.

    For a zip, `entry` picks one of its chat texts (see `export_entries`); None picks the
    main one."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise errors.FileUnreadable(name, reason=exc.strerror or "error") from exc
    if size == 0:
        raise errors.EmptyFile(name)
    head = _head(path)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _open_zip(path, entry)
    if path.suffix.lower() == ".zip":
        raise errors.CorruptZip(name)
    if size > MAX_TEXT_BYTES:
        raise errors.FileTooLarge(name, size=_human(size), limit=_human(MAX_TEXT_BYTES))
    if any(head.startswith(m) for m in _BINARY_MAGIC) and not head.startswith(codecs.BOM_UTF16_LE):
        raise errors.NotAChatExport(name)
    folder = path.parent.name
    title = title_from_name(name)
    if title is None and Path(name).stem.strip().casefold() in _GENERIC_STEMS:
        title = title_from_name(folder + ".txt")  # "WhatsApp Chat - Anna/_chat.txt"
    return ExportSource(path, name, size, title, chat=chat_name(name, folder))


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(16)
    except OSError as exc:
        raise errors.FileUnreadable(path.name, reason=exc.strerror or "error") from exc


def export_entries(path: Path) -> list[str | None]:
    """The chat texts in one dropped file: [None] for a .txt (or a file that will fail to
    open: `open_export` names the fault), one entry name per chat text for a zip. A zip can hold
    several chats (someone zipped a few exports together); each is imported as its own chat."""
    try:
        if not _head(path).startswith((b"PK\x03\x04", b"PK\x05\x06")):
            return [None]
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            texts = _text_entries(infos)
            if not texts or _unsafe_names(infos):
                return [None]
            chats = _chat_entries(zf, texts)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, errors.WaAuditError):
        return [None]
    return [i.filename for i in chats] if len(chats) > 1 else [None]


def _text_entries(infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    return [
        i
        for i in infos
        if i.filename.lower().endswith(".txt")
        and not i.is_dir()
        and not i.filename.startswith("__MACOSX/")
        and not PurePosixPath(i.filename).name.startswith("._")
    ]


def _unsafe_names(infos: list[zipfile.ZipInfo]) -> bool:
    for info in infos:
        p = PurePosixPath(info.filename.replace("\\", "/"))
        if p.is_absolute() or ".." in p.parts or re.match(r"^[A-Za-z]:", info.filename):
            return True
    return False


def _chat_entries(zf: zipfile.ZipFile, texts: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    """Every .txt of the zip that reads like a chat export (a document the chat shared as an
    attachment does not); a named one that cannot be read stays in, so its fault is reported."""
    from wa_audit.importer.formats import detect_layout

    found = []
    for info in texts:
        base = PurePosixPath(info.filename).name
        named = base == "_chat.txt" or bool(re.search(r"chat|whatsapp", base, re.I))
        if info.flag_bits & 0x1 or info.file_size == 0:
            if named:
                found.append(info)
            continue
        try:
            with zf.open(info) as f:
                head = f.read(SNIFF_BYTES)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, zlib.error):
            if named:
                found.append(info)
            continue
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = head.decode("utf-16", errors="replace")
        else:
            text = head.decode("utf-8", errors="replace")
        lines = [ln for ln in text.splitlines()[:SNIFF_LINES] if ln.strip()]
        if detect_layout(lines)[1] >= 1:
            found.append(info)
    return found


def _open_zip(path: Path, wanted: str | None) -> ExportSource:
    name = path.name
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise errors.CorruptZip(name) from exc
    with zf:
        infos = zf.infolist()
        if _unsafe_names(infos):
            raise errors.UnsafeZip(name)
        texts = _text_entries(infos) or [
            i for i in infos if i.filename.lower().endswith(".txt") and not i.is_dir()
        ]
        if not texts:
            raise errors.ZipWithoutChat(name)
        if wanted is None:
            entry = _pick_chat_entry(_chat_entries(zf, texts) or texts)
            display = name
        else:
            entry = next((i for i in texts if i.filename == wanted), None)
            if entry is None:
                raise errors.ZipWithoutChat(name)
            display = f"{name} › {wanted}"
        if entry.flag_bits & 0x1:
            raise errors.EncryptedZip(display)
        if entry.compress_type not in _COMPRESSIONS:
            raise UnsupportedZipMethod(display, method=str(entry.compress_type))
        if entry.file_size > MAX_TEXT_BYTES:
            raise errors.FileTooLarge(
                display, size=_human(entry.file_size), limit=_human(MAX_TEXT_BYTES)
            )
        if entry.file_size == 0:
            raise errors.EmptyFile(display)
        ratio = entry.file_size / max(entry.compress_size, 1)
        if ratio > MAX_ZIP_RATIO and entry.file_size > 10 * CHUNK:
            raise errors.UnsafeZip(display)
        media = {PurePosixPath(i.filename).name for i in infos if i is not entry}
    entry_path = PurePosixPath(entry.filename)
    base, folder = entry_path.name, entry_path.parent.name
    if wanted is None:
        title = title_from_name(name) or title_from_name(base)
        chat = title or chat_name(name)
    else:  # one of several chats in the zip: the entry's own name (or folder) says which
        title = title_from_name(base) or (
            title_from_name(folder + ".txt") if base == "_chat.txt" else None
        )
        chat = title or f"{Path(name).stem}/{entry.filename}"
    return ExportSource(
        path, display, entry.file_size, title, entry=entry.filename, media_entries=media, chat=chat
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
