"""The year-end follow-up rendered: the Uppföljning cell, printable HTML with charts, Markdown.

Charts are drawn with matplotlib's object API on the Agg backend (no pyplot, no global figure
state) and embedded as base64 PNG data URIs, so the HTML is one self-contained file that prints
cleanly to PDF.
"""

from __future__ import annotations

import base64
import io
from functools import partial

from jinja2 import TemplateNotFound
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from domain.lights import EMOJI
from domain.plaintext import message_text
from domain.summary import SEVERITY, UNANSWERED
from domain.yearend import ActionFollowUp, YearEnd
from reports.rendering import environment, render

COLOURS = {"delayed": "#d13438", "not_started": "#f7630c", "partial": "#fce100",
           "on_track": "#6bb700", "done": "#107c10", "discontinued": "#605e5c",
           UNANSWERED: "#d2d0ce"}
_SIGNS = {light.value: sign for light, sign in EMOJI.items()}  # the traffic lights' emoji


def words(lang: str = "sv"):
    """The macros of yearend_words.LANG.j2 (party, status, occasions, headings)."""
    env = environment()
    try:
        return env.get_template(f"yearend_words.{lang}.j2").module
    except TemplateNotFound:
        return env.get_template("yearend_words.sv.j2").module


def followup_cell(item: ActionFollowUp, lang: str = "sv") -> str:
    """The Uppföljning text of one action: "Polisen (Genomförd): … Socialtjänsten (…): …"."""
    return render("followup_cell", lang, item=item)


def status_chart(report: YearEnd, lang: str = "sv") -> str:
    """A stacked bar per area (status counts) as base64 PNG; '' when there is nothing to draw."""
    areas = [a for a in report.areas if a.actions]
    if not areas:
        return ""
    w = words(lang)
    fig = Figure(figsize=(10, 0.6 * len(areas) + 1.6), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    names = [a.name if len(a.name) <= 40 else a.name[:39] + "…" for a in areas][::-1]
    left = [0] * len(areas)
    for key in (*SEVERITY, UNANSWERED):
        values = [dict(a.counts)[key] for a in areas][::-1]
        ax.barh(names, values, left=left, color=COLOURS[key], label=str(w.status(key)))
        left = [x + y for x, y in zip(left, values, strict=True)]
    ax.set_title(str(w.chart_title()))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=4, fontsize=8, frameon=False)
    ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]  # a MaxNLocator
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return base64.b64encode(out.getvalue()).decode()


def _total(report: YearEnd) -> int:
    return sum(len(a.actions) for a in report.areas)


def year_end_html(report: YearEnd, lang: str = "sv", when: dict[int, str] | None = None) -> str:
    return render("yearend_html", lang, r=report, chart=status_chart(report, lang),
                  cell=partial(followup_cell, lang=lang), total_actions=_total(report),
                  when=when or {}, light_sign=_SIGNS)


def year_end_markdown(report: YearEnd, lang: str = "sv") -> str:
    return render("yearend_md", lang, r=report, esc=message_text,
                  cell=partial(followup_cell, lang=lang), total_actions=_total(report),
                  light_sign=_SIGNS)
