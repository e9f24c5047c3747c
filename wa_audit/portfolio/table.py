"""The portfolio table: OUT/portfolio.csv and a self-contained OUT/portfolio.html."""

from __future__ import annotations

import csv
import html
from pathlib import Path

from wa_audit.i18n import _, format_number


def change_text(change: str, detail: dict) -> str:
    from wa_audit.audit import light_label

    if change == "new":
        return _("first audit")
    if change == "failed":
        return _("not audited")
    if change == "same":
        return _("no change")
    parts = []
    if "overall" in detail:
        old, new = detail["overall"]
        parts.append(f"{light_label(old)} → {light_label(new)}")
    labels = {
        "new_red": _("new red: {rules}"),
        "gone_red": _("no longer red: {rules}"),
        "new_amber": _("new amber: {rules}"),
        "gone_amber": _("no longer amber: {rules}"),
    }
    for key, text in labels.items():
        if detail.get(key):
            parts.append(text.format(rules=", ".join(detail[key])))
    if detail.get("new_messages"):
        n = int(detail["new_messages"])
        parts.append(_("{n} new messages").format(n=format_number(n)))
    return "; ".join(parts)


def _period(row) -> str:
    if not row.period_start:
        return ""
    return f"{row.period_start[:10]} – {(row.period_end or '')[:10]}"


def headers() -> list[str]:
    return [
        _("Client"),
        _("Chats"),
        _("Messages"),
        _("Period"),
        _("Overall light"),
        _("Red rules"),
        _("Amber rules"),
        _("Change since the previous batch run"),
        _("Audited at"),
    ]


def cells(row) -> list[str]:
    from wa_audit.audit import light_label

    return [
        row.client,
        str(row.chats),
        str(row.messages),
        _period(row),
        light_label(row.overall) if row.overall else _("not audited"),
        ", ".join(row.red),
        ", ".join(row.amber),
        change_text(row.change, row.change_detail),
        row.audited_at,
    ]


def _safe(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (client names come from folder names)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def write_csv(rows, path: Path, lang: str | None = None) -> Path:
    with _language(lang), path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(headers())
        for row in rows:
            w.writerow([_safe(c) for c in cells(row)])
    return path


_COLOURS = {"green": "#1b7f3b", "amber": "#b86e00", "red": "#c62828"}
_MARKS = {"green": "●", "amber": "▲", "red": "■"}


def write_html(rows, path: Path, lang: str | None = None) -> Path:
    with _language(lang):
        from wa_audit.i18n import current_language

        head = "".join(f"<th>{html.escape(h)}</th>" for h in headers())
        body = []
        for row in rows:
            c = [html.escape(x) for x in cells(row)]
            colour = _COLOURS.get(row.overall or "", "#555")
            mark = _MARKS.get(row.overall or "", "–")
            c[4] = f'<span style="color:{colour}">{mark}</span> {c[4]}'
            if row.report:
                name = html.escape(Path(row.report).name, quote=True)
                c[0] = f'<a href="{name}">{c[0]}</a>'
            body.append("<tr>" + "".join(f"<td>{x}</td>" for x in c) + "</tr>")
        problems = [
            f"<li><b>{html.escape(r.client)}</b>: {html.escape(p)}</li>"
            for r in rows
            for p in r.problems
        ]
        text = f"""<!DOCTYPE html>
<html lang="{current_language()}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{html.escape(_("Portfolio"))}</title>
<style>body{{font-family:sans-serif;margin:2em;color:#222}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.3em .6em;text-align:left}}
th{{background:#f2f2f2}}</style></head><body>
<h1>{html.escape(_("Portfolio"))}</h1>
<p>{html.escape(_("One row per client: the latest audit of each workspace."))}</p>
<table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>
{f"<h2>{html.escape(_('Problems'))}</h2><ul>{''.join(problems)}</ul>" if problems else ""}
</body></html>
"""
        path.write_text(text, encoding="utf-8")
    return path


class _language:
    def __init__(self, lang: str | None) -> None:
        self.lang = lang

    def __enter__(self):
        from wa_audit import i18n

        self.previous = i18n.current_language()
        if self.lang:
            i18n.set_language(self.lang)

    def __exit__(self, *exc) -> None:
        from wa_audit import i18n

        i18n.set_language(self.previous)
