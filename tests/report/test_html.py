from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser

from tests.report.workspace import NASTY
from wa_audit.report.builder import build_report
from wa_audit.report.html import render_html


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> Collect:
    c = Collect()
    c.feed(page)
    return c


def test_report_has_every_section(ws_ids, report):
    ws, _ids = ws_ids
    page = render_html(build_report(ws.db, report))
    text = htmllib.unescape(page)
    for section in (
        "WhatsApp Business audit",
        "Summary",
        "Fix first (1)",
        "Review (1)",
        "Passed (1)",
        "Not computable (1)",
        "R01 · Same message to many chats",
        "WhatsApp Terms of Service: no bulk messaging",
        "Evidence",
        "What to do",
        "Moving to the WhatsApp Business Platform",
        "Cost estimate",
        "as of 1 Apr 2026",
        "Limits of this audit",
        "Blocks and spam reports by customers are not visible",
        "Methodology and thresholds",
        "red recipients = 1,000",
        "Appendix: opt-out register",
        "Charts",
    ):
        assert section in text, section
    # cover figures: 14 chats, 45 messages, period
    assert "Messages analysed" in text and ">45<" in page
    assert "1 Sept 2026 to 12 Oct 2026" in text


def test_evidence_capped_at_ten(ws_ids, report):
    ws, _ids = ws_ids
    page = render_html(build_report(ws.db, report))
    section = page.split('id="R01"')[1].split('id="R11"')[0]
    body = section.split("<tbody>")[-1].split("</tbody>")[0]
    assert body.count("<tr>") == 10
    assert "A sample: 10 of 15 messages." in section


def test_message_text_and_names_are_escaped(ws_ids, report):
    ws, ids = ws_ids
    report.findings[0].result.evidence = ids["nasty"] + ids["promo"]
    page = render_html(build_report(ws.db, report))
    parsed = _parse(page)
    # No element or attribute from the messages made it into the markup.
    assert "script" not in parsed.tags
    assert not any(name.startswith("on") for name, _v in parsed.attrs)
    assert parsed.tags.count("img") == len(re.findall(r"<img ", page))  # only our chart images
    assert all(
        v and v.startswith("data:image/svg+xml;base64,") for n, v in parsed.attrs if n == "src"
    )
    assert "<h1>broken" not in page and "&lt;/table&gt;&lt;h1&gt;broken" in page
    assert "<b>Corp</b>" not in page
    text = "".join(parsed.text)
    for nasty in NASTY:
        assert nasty in text  # shown as text, exactly
    assert "Evil <b>Corp</b>" in text
    assert page.count("</table>") == page.count("<table")


def test_html_is_self_contained(ws_ids, report):
    ws, _ids = ws_ids
    page = render_html(build_report(ws.db, report))
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page
    assert "<link" not in page and "<script" not in page
    assert "@media print" in page and "Content-Security-Policy" in page


def test_time_figures_read_as_dates_not_as_big_numbers():
    from wa_audit.report.builder import _fmt_value
    from wa_audit.report.pseudonym import Identity

    assert (
        _fmt_value("worst_start_t", 1789462800, Identity()) == "15 Sept 2026 09:00"
    )  # a day with its 4-digit year, and the time
    assert _fmt_value("messages", 1789462800, Identity()) == "1,789,462,800"
    assert _fmt_value("day_t", 0, Identity()) == "0"  # not a time: too small
