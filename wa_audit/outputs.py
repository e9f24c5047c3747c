"""Writing output files safely: the one module every report and export writer goes through.

    check_target(path, protected=..., force=False) -> Path     refuse before any work is done
    atomic_target(path, protected=..., force=False)            context manager: yields a temporary
        path beside the target; on success it replaces the target in one rename, on any error
        or cancel the temporary file is removed and the target is untouched
    write_text(path, text, ...), write_bytes(path, data, ...)  the two common cases
    workspace_files(db) -> list[Path]                            the workspace, its -wal/-shm/-journal
        files and every chat export it was imported from (never an output)
    plain(text) -> str                                           text without NUL, terminal control
        characters or bidi overrides (for the terminal, CSV and HTML)

Rules: an output is never the workspace, its side files or an input; a symbolic link is never
followed; an existing file is replaced only with force=True (the command line's --force, or the
app after its save dialog asked); the folder must exist and be writable. Every refusal is a
typed, translated WaAuditError naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from wa_audit.errors import (
    OutputExists,
    OutputFailed,
    OutputFolderMissing,
    OutputFolderReadOnly,
    OutputIsInput,
    OutputIsLink,
)

SIDE_FILES = ("-wal", "-shm", "-journal")

# C0 controls except tab/newline, DEL, C1 controls, bidi embeddings/overrides/isolates, and the
# line/paragraph separators: they rewrite a terminal, reorder text or break a CSV row.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_CONTROL_KEEP_CR = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def plain(text: object, *, keep_cr: bool = False) -> str:
    """The text with control characters replaced by U+FFFD (visible, never interpreted).
    Tab and newline stay; carriage return only with keep_cr (a quoted CSV cell)."""
    return (_CONTROL_KEEP_CR if keep_cr else _CONTROL).sub("\ufffd", str(text))


def workspace_files(db) -> list[Path]:
    """The workspace database of this connection, its side files and the imported inputs."""
    out: list[Path] = []
    for row in db.execute("PRAGMA database_list").fetchall():
        if row[2]:
            main = Path(row[2])
            out.append(main)
            out += [main.with_name(main.name + s) for s in SIDE_FILES]
    # a workspace without an imports table has no inputs yet
    with contextlib.suppress(Exception):
        out += [Path(r[0]) for r in db.execute("SELECT DISTINCT path FROM imports") if r[0]]
    return out


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    # not there (yet): compare where they would be, folders' links resolved
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def check_target(
    path: Path | str, *, protected: Iterable[Path | str] = (), force: bool = False
) -> Path:
    """Refuse an output target before any work starts; returns the target as a Path."""
    path = Path(path)
    shown = str(path)
    if path.is_symlink():
        raise OutputIsLink(shown)
    for p in protected:
        if _same(path, Path(p)):
            raise OutputIsInput(shown)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputFolderMissing(shown)
    if path.exists():
        if path.is_dir():
            raise OutputFailed(shown, reason=_is_folder())
        if not force:
            raise OutputExists(shown)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputFolderReadOnly(shown)
    return path


def _is_folder() -> str:
    from wa_audit.i18n import _

    return _("it is a folder")


def _reason(exc: OSError) -> str:
    from wa_audit.i18n import _

    if exc.errno == errno.ENOSPC:
        return _("the disk is full")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("no permission to write there")
    return plain(exc.strerror or type(exc).__name__)


@contextlib.contextmanager
def atomic_target(
    path: Path | str, *, protected: Iterable[Path | str] = (), force: bool = False
) -> Iterator[Path]:
    """Yield a temporary file beside the target; rename it over the target on success.

    Any exception (including a cancel) removes the temporary file and leaves the target as it
    was. OSError becomes OutputFailed naming the target.
    """
    target = check_target(path, protected=protected, force=force)
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent or "."
        )
    except OSError as exc:
        raise OutputFailed(str(target), reason=_reason(exc)) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _same_mode(tmp, target)
        yield tmp
        # The target may have appeared (or become a link) while we worked: check again.
        check_target(target, protected=protected, force=force)
        os.replace(tmp, target)
    except OSError as exc:
        _unlink(tmp)
        raise OutputFailed(str(target), reason=_reason(exc)) from None
    except BaseException:
        _unlink(tmp)
        raise


def _same_mode(tmp: Path, target: Path) -> None:
    """The permissions a plain write would give: the replaced file's, else the umask's
    (mkstemp makes 0600)."""
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
    with contextlib.suppress(OSError):
        tmp.chmod(mode)


@functools.cache
def _umask() -> int:
    """The process umask, read once (os.umask can only be read by setting it)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def _unlink(p: Path) -> None:
    with contextlib.suppress(OSError):
        p.unlink()


def write_bytes(
    path: Path | str, data: bytes, *, protected: Iterable[Path | str] = (), force: bool = False
) -> Path:
    with atomic_target(path, protected=protected, force=force) as tmp, tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return Path(path)


def write_text(
    path: Path | str,
    text: str,
    *,
    encoding: str = "utf-8",
    protected: Iterable[Path | str] = (),
    force: bool = False,
) -> Path:
    return write_bytes(path, text.encode(encoding), protected=protected, force=force)
