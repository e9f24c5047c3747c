"""Property test: generated messages rendered in every layout parse back to the same messages."""

from __future__ import annotations

from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from render import LAYOUTS, Msg, render

from wa_audit.importer import parse_file

names = (
    st.text(
        alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd"), whitelist_characters=" -'"),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(lambda s: s and ":" not in s and not s.startswith(("~", "-")))
)
line_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf")),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() == s and s and s[0] not in "<[" and not s.endswith(">"))
bodies = st.lists(line_text, min_size=1, max_size=3).map("\n".join)
times = st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2030, 12, 31))


@st.composite
def conversations(draw):
    senders = draw(st.lists(names, min_size=2, max_size=4, unique=True))
    stamps = sorted(draw(st.lists(times, min_size=3, max_size=12)))
    # one date with day > 12 so the order is decidable, as in any chat longer than 12 days
    stamps.append(datetime(2031, 1, 25, 10, 0, 0))
    return [Msg(t, draw(st.sampled_from(senders)), draw(bodies)) for t in stamps]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(msgs=conversations(), layout=st.sampled_from(sorted(LAYOUTS)))
def test_render_then_parse_is_identity(tmp_path_factory, msgs, layout):
    path = tmp_path_factory.mktemp("p") / "chat.txt"
    path.write_text(render(layout, msgs), encoding="utf-8")
    parsed = parse_file(path)
    out = list(parsed)
    has_seconds = LAYOUTS[layout][1] and layout != "android_month_name"
    assert [(m.sender, m.text) for m in out] == [(m.sender, m.text) for m in msgs]
    want = [
        m.ts.replace(microsecond=0) if has_seconds else m.ts.replace(second=0, microsecond=0)
        for m in msgs
    ]
    assert [m.timestamp for m in out] == want
    assert parsed.facts.unparsed == []
