"""R05 machine_timing_regularity: sends at machine-like intervals (needs seconds)."""

from __future__ import annotations

import numpy as np

from wa_audit.i18n import N_
from wa_audit.rules.base import Family, Light, Rule, RuleMeta, RuleResult, Strength
from wa_audit.rules.common import confidence, ids, name_the_tool
from wa_audit.rules.r04_personalised_fanout import R04PersonalisedFanout


def batch_pattern(t: np.ndarray, max_gap: float, min_batch: int = 5) -> tuple[int, int, float]:
    """Tools send "batches of 20" with equal pauses: find >= 3 consecutive bursts (split at
    pauses > max_gap) of about equal size (+-1, >= min_batch) whose pauses are equal within
    15 %. Returns (batches, batch size, pause seconds) of the longest such series, or zeros."""
    if len(t) < 3 * min_batch:
        return 0, 0, 0.0
    gaps = np.diff(t)
    cut = np.flatnonzero(gaps > max_gap)
    starts = np.concatenate([[0], cut + 1])
    ends = np.concatenate([cut, [len(t) - 1]])
    sizes = ends - starts + 1
    pauses = t[starts[1:]] - t[ends[:-1]]
    best = (0, 0, 0.0)
    k = 0
    while k < len(sizes) - 2:
        j = k
        while (
            j + 1 < len(sizes)
            and sizes[k] >= min_batch
            and abs(sizes[j + 1] - sizes[k]) <= 1
            and pauses[j] <= 3 * 3600
            and (j == k or abs(pauses[j] - pauses[k]) <= 0.15 * pauses[k])
        ):
            j += 1
        n = j - k + 1
        if n >= 3 and n > best[0]:
            best = (n, int(sizes[k]), float(pauses[k]))
        k = max(j, k + 1)
    return best


class R05MachineTimingRegularity(Rule):
    meta = RuleMeta(
        id="R05",
        slug="machine_timing_regularity",
        family=Family.AUTO,
        strength=Strength.STRONG,
        amber_strength=Strength.MEDIUM,
        needs_seconds=True,
        title=N_("Messages sent at machine-like intervals"),
        what=N_(
            "Looks at runs of 15 or more messages you started, each to a different chat, and "
            "measures how regular the pauses between them are (fixed or evenly random delays)."
        ),
        why=N_(
            "People send in bursts with very uneven pauses. Sending tools wait a fixed or "
            "random delay between messages - the footprint WhatsApp looks for when it bans "
            "automated messaging."
        ),
        instead=N_(
            "Stop using sending tools on this number: WhatsApp bans numbers for it and takes "
            "legal action against tool users and vendors. The Platform is the allowed way to "
            "automate."
        ),
    )

    def evaluate(self, ctx, th) -> RuleResult:
        bi = ctx.bi
        # broadcast-list copies (the identical text at once, a fan-out event) are the app's own
        # feature and R02's business; personalised texts of a fan-out stay in
        bi = bi[bi["has_seconds"] & (bi["o2o"] | bi["bcast"])]
        # (a list delivers the very same text to many chats at once: copies <= 2 s apart;
        # a tool pasting one text every few seconds stays in)
        bucket = bi["t"].to_numpy() // 120
        grp = bi.assign(_b=bucket).groupby(["text", "_b"])["t"]
        size = grp.transform("size").to_numpy()
        span = (grp.transform("max") - grp.transform("min")).to_numpy()
        burst = (size >= 3) & (span <= 2 * (size - 1))
        bi = bi[~burst]
        # computable on the chats that have seconds (a mixed import: the iPhone exports)
        no_seconds = not bool(ctx.chats["has_seconds"].astype(bool).any())
        if no_seconds or bi.empty:
            if no_seconds or ctx.minute_only:
                return self.result(
                    Light.GREY,
                    N_(
                        "Not computable: these exports have no seconds. Export from an iPhone "
                        "for this check; the check \u201c{check_key}\u201d still looks at sends "
                        "per minute."
                    ),
                    params={"check_key": R04PersonalisedFanout.meta.title},
                    figures={"seconds_resolution": False},
                )
            if ctx.bi.empty:
                return self.result(
                    Light.GREEN,
                    N_("You never started a conversation yourself."),
                    figures={"runs": 0},
                )
            return self.result(
                Light.GREEN,
                N_("No run of {min_run} or more quick sends to different chats."),
                params={"min_run": int(th["min_run"])},
                figures={"runs": 0},
            )
        t = bi["t"].to_numpy()
        chat = bi["chat_id"].to_numpy()
        text = bi["text"].to_numpy()
        gap = np.diff(t)
        # a run continues while the gap is <= max_gap and the next message goes to another chat
        cont = (gap <= th["max_gap_s"]) & (chat[1:] != chat[:-1])
        brk = np.concatenate([[True], ~cont])
        run_id = np.cumsum(brk) - 1
        sizes = np.bincount(run_id)
        long_runs = np.flatnonzero(sizes >= th["min_run"])
        batches, batch_size, pause = batch_pattern(t, th["max_gap_s"])
        if not len(long_runs) and batches:
            return name_the_tool(
                ctx,
                self.result(
                    Light.AMBER,
                    N_(
                        "{batches} batches of about {size} messages, each after a pause of "
                        "{pause_s}: the rhythm of a sending tool."
                    ),
                    params={"batches": batches, "size": batch_size, "pause_s": round(pause)},
                    figures={
                        "runs": 0,
                        "batches": batches,
                        "batch_size": batch_size,
                        "batch_pause_s": round(pause),
                    },
                    evidence=ids(bi, order="t"),
                    confidence=confidence(ctx, batches * batch_size, 30, needs_seconds=True),
                    triggers=["batches"],
                ),
            )
        if not len(long_runs):
            return self.result(
                Light.GREEN,
                N_("No run of {min_run} or more quick sends to different chats."),
                params={"min_run": int(th["min_run"])},
                figures={"runs": 0},
            )
        best = None
        order = {Light.GREEN: 0, Light.AMBER: 1, Light.RED: 2}
        for r in long_runs:
            idx = np.flatnonzero(run_id == r)
            g = np.diff(t[idx]).astype(float)
            med = float(np.median(g))
            mean = float(g.mean())
            cv = float(g.std() / mean) if mean > 0 else 0.0
            fixed = float((np.abs(g - med) <= 1).mean())
            diff_txt = text[idx][1:] != text[idx][:-1]
            sub2 = int(((g < 2) & diff_txt).sum())
            sends = len(idx)
            if (
                fixed >= th["red_fixed_share"]
                or (cv < th["red_cv"] and sends >= th["red_cv_min_sends"])
                or sub2 >= th["red_sub2s_gaps"]
            ):
                light = Light.RED
            elif cv < th["amber_cv"] and med <= th["amber_median_gap_s"]:
                light = Light.AMBER
            else:
                light = Light.GREEN
            cand = (order[light], -cv if light != Light.GREEN else sends, idx, med, cv, fixed, sub2)
            if best is None or cand[:2] > best[:2]:
                best = cand
        rank, _, idx, med, cv, fixed, sub2 = best
        light = [Light.GREEN, Light.AMBER, Light.RED][rank]
        notes: list[str] = []
        run = bi.iloc[idx]
        warm = 1.0 - float(run["cold"].mean())
        answered = float(run["answered"].mean()) if run["answered"].notna().any() else 0.0
        cv_only_red = (
            light == Light.RED and fixed < th["red_fixed_share"] and sub2 < th["red_sub2s_gaps"]
        )
        if cv_only_red and warm >= 0.9 and answered >= 0.3:
            # low variation alone, to customers who wrote before and answer: a fast, steady
            # person is possible; a tool's fixed delay or sub-2-second gaps are not
            light = Light.AMBER
            notes.append(
                N_(
                    "Amber, not red: the run went to customers who had written to you before "
                    "and most of them answered."
                )
            )
        elif light == Light.AMBER and warm >= 0.9 and answered >= 0.3:
            # a person working through reminders for customers who booked, and who answer:
            # regular-ish but human; only the red patterns (fixed delay, sub-2 s) count then
            light = Light.GREEN
            notes.append(
                N_(
                    "Shown green: the run went to customers who had written to you before and "
                    "most of them answered."
                )
            )
        params = {
            "sends": len(idx),
            "median_s": round(med, 1),
            "cv": round(cv, 2),
        }
        figures = {
            "runs": len(long_runs),
            "worst_run_sends": len(idx),
            "median_gap_s": round(med, 1),
            "cv": round(cv, 2),
            "fixed_delay_share": round(fixed, 3),
            "sub2s_gaps": sub2,
        }
        key = N_(
            "{sends} messages to different chats left at a median gap of {median_s} with a "
            "variation (CV) of {cv}; people typically vary far more than 1."
        )
        return name_the_tool(
            ctx,
            self.result(
                light,
                key,
                params=params,
                figures=figures,
                evidence=ids(bi.iloc[idx], order=None),
                confidence=confidence(ctx, len(idx), 30, needs_seconds=True),
                notes=notes,
            ),
        )
