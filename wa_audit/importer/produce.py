"""What the store needs from each export, as a stream of events (no database access here).

`produce` runs in the importing process, or for a large import in a second process
(`ParserProcess`) that parses while the importing process writes.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import queue as queue_module
from collections import Counter
from collections.abc import Generator, Iterator
from pathlib import Path

from wa_audit import errors
from wa_audit.importer.archive import export_entries, open_export
from wa_audit.importer.parse import parse_source

BATCH = 5000
QUEUE_BATCHES = 16


def units(files: list[Path]) -> list[tuple[Path, str | None, int]]:
    """(file, zip entry or None, share of the progress bar) for every chat text to import."""
    units = []
    for f in files:
        try:
            size = f.stat().st_size
        except OSError:
            size = 0
        entries = export_entries(f)
        for i, entry in enumerate(entries):
            share = size // len(entries) + (size % len(entries) if i == 0 else 0)
            units.append((f, entry, share))
    return units


def produce(path: Path, entry: str | None = None, date_order: str | None = None) -> Iterator[tuple]:
    """Everything the store needs from one export, as a stream of events.

    ("source", display_name, size, sha256, is_zip, media_entries, chat name), then ("rows", batch,
    last_line, total_lines) for every BATCH messages, then ("facts", FileFacts). Runs in the
    importing process or in the parser process (see _ParserProcess); no database access here.
    """
    source = open_export(path, entry)
    sha = source.sha256()
    yield ("source", source.display_name, source.size, sha, source.entry is not None,
           len(source.media_entries), source.chat)  # fmt: skip
    parsed = parse_source(source, date_order)
    total_lines = max(parsed.total_lines, 1)
    rows: list[tuple] = []
    # The same text can legitimately repeat in the same minute, so the content key counts
    # occurrences. Timestamps run forward in runs; a message stamped earlier than one before
    # it (re-stamped notices) is counted in its own namespace so keys never collide, and
    # memory stays bounded by one run instead of the whole file.
    occurrence: Counter[tuple] = Counter()
    backwards: Counter[tuple] = Counter()
    last_ts = max_ts = ""
    line = 0
    # `_value_`: the plain str of a kind or event, without the enum's `value` property per row
    # (an enum member would also be pickled by name on its way to the writing process)
    for msg in parsed:
        ts, sender, text, line = msg.ts, msg.sender, msg.text, msg.line
        if ts < max_ts:
            ident = (ts, sender, text)
            backwards[ident] += 1
            n = f"b{backwards[ident]}"
        else:
            if ts != last_ts:
                occurrence.clear()
                last_ts = max_ts = ts
            ident = (sender, text)
            occurrence[ident] += 1
            n = occurrence[ident]
        rows.append(
            (_hash(ts, sender, text, n), ts, sender, text, msg.kind._value_, msg.event._value_,
             int(msg.edited), msg.attachment, int(msg.actor_is_owner), line)
        )  # fmt: skip
        if len(rows) >= BATCH:
            yield ("rows", rows, line, total_lines)
            rows = []
    yield ("rows", rows, line, total_lines)
    yield ("facts", parsed.facts)


class ParserProcess:
    """`produce` for every file, in a separate process, feeding a bounded queue in file order.

    Spawned (not forked: the desktop app has threads), daemonic, and it exits on its own when
    the importing process goes away, so a cancelled or killed import leaves nothing running.
    """

    def __init__(self, process, queue) -> None:
        self.process, self.queue = process, queue

    @classmethod
    def start(
        cls, files: list[tuple[Path, str | None]], date_order: str | None = None
    ) -> ParserProcess | None:
        try:
            ctx = multiprocessing.get_context("spawn")
            queue = ctx.Queue(maxsize=QUEUE_BATCHES)
            process = ctx.Process(
                target=_parse_files, args=(files, queue, os.getpid(), date_order), daemon=True
            )
            process.start()
        except (OSError, RuntimeError, ValueError):
            return None  # no second process here: parse in this one
        return cls(process, queue)

    def events(self, index: int) -> Generator[tuple, None, None]:
        while True:
            try:
                got, event = self.queue.get(timeout=1)
            except queue_module.Empty:
                if not self.process.is_alive():
                    raise errors.FileUnreadable("", reason="parser stopped") from None
                continue
            if got != index:
                continue  # the rest of a file that was skipped
            if event[0] == "end":
                return
            if event[0] == "error":
                raise event[1]
            yield event

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(timeout=5)
        self.queue.close()


def _parse_files(
    files: list[tuple[Path, str | None]], queue, parent: int, date_order: str | None = None
) -> None:
    """The parser process: events of every file, in order, each tagged with its index."""

    def put(item) -> None:
        while True:
            try:
                queue.put(item, timeout=1)
                return
            except queue_module.Full:
                if os.getppid() != parent:  # the importer is gone (cancelled or killed)
                    queue.cancel_join_thread()  # nothing will read what is still buffered
                    os._exit(0)

    for index, (path, entry) in enumerate(files):
        try:
            for event in produce(path, entry, date_order):
                put((index, event))
        except errors.WaAuditError as exc:
            put((index, ("error", exc)))
        except Exception as exc:  # never the content: only what kind of failure
            put((index, ("error", errors.FileUnreadable(path.name, reason=type(exc).__name__))))
        put((index, ("end",)))


def _hash(ts: str, sender: str | None, text: str, n: int | str) -> bytes:
    data = f"{ts}\x1f{sender or ''}\x1f{text}\x1f{n}".encode()
    return hashlib.blake2b(data, digest_size=12).digest()
