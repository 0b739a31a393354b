"""The district report's bytes in html, xlsx or md: shared by `folja report` and the job that
closes reporting periods (the scheduler is the edge both may import).

Rendering is deterministic: the same data gives the same bytes. Nothing says "generated now";
the workbook is dated `at` when given (a closed period's report: the close), which is what lets
services/frozen.py keep a period's report byte for byte.
"""

from __future__ import annotations

from datetime import datetime

from reports.yearend import indicator_words, words, year_end_html, year_end_markdown
from services.yearend import YearEndData, workbook_bytes

STATUS_KEYS = ("done", "on_track", "partial", "delayed", "not_started", "discontinued", "none")


def render_report(data: YearEndData, fmt: str, lang: str, at: datetime | None = None) -> bytes:
    """The file's bytes in the chosen format."""
    if fmt == "html":
        when = {a.id: a.when.text for a in data.plan.actions}
        return year_end_html(data.report, lang, when).encode()
    if fmt == "md":
        return year_end_markdown(data.report, lang).encode()
    w = words(lang)
    labels = {k: str(w.status(k)) for k in STATUS_KEYS}

    def party(s) -> str:
        return str(w.party(s.party)) + (f", {s.role}" if s.show_role else "")

    iw = indicator_words(lang)

    def judgement(r) -> tuple[str, ...]:
        return f"{r.arrow} {iw.better(r.better)}".strip(), str(iw.light(r.light))

    return workbook_bytes(data, labels, party,
                          lambda held, planned: str(w.occasions(held, planned)), at,
                          judgement, (str(iw.trend_col()), str(iw.light_col())),
                          lambda s: str(w.standin(s.standin, s.owner)) if s.standin else "",
                          (str(w.rate_heading()), str(w.rate_cols()).split("|"),
                           str(w.all_roles())))
