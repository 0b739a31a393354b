"""The year-end follow-up rendered: the Uppföljning cell, printable HTML with charts, Markdown.

Charts are drawn with matplotlib's object API on the Agg backend (no pyplot, no global figure
state) and embedded as base64 PNG data URIs, so the HTML is one self-contained file that prints
cleanly to PDF.
"""

from __future__ import annotations

import base64
import io
from functools import partial

from babel.numbers import format_decimal
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from domain.lights import EMOJI
from domain.plaintext import message_text
from domain.summary import SEVERITY, UNANSWERED
from domain.yearend import ActionFollowUp, YearEnd
from reports.indicator_charts import trend_chart
from reports.rendering import macros, render

COLOURS = {"delayed": "#d13438", "not_started": "#f7630c", "partial": "#fce100",
           "on_track": "#6bb700", "done": "#107c10", "discontinued": "#605e5c",
           UNANSWERED: "#d2d0ce"}
_SIGNS = {light.value: sign for light, sign in EMOJI.items()}  # the traffic lights' emoji


def words(lang: str = "sv"):
    """The macros of yearend_words.LANG.j2 (party, status, occasions, headings)."""
    return macros("yearend_words", lang)


def indicator_words(lang: str = "sv"):
    """The macros of indicator_words.LANG.j2 (column names, sources, colours, better/worse)."""
    return macros("indicator_words", lang)


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


def year_end_html(report: YearEnd, lang: str = "sv", when: dict[int, str] | None = None,
                  ylim: tuple[float, float] | None = None) -> str:
    """The printable report; `ylim` puts every indicator chart on one scale."""
    return render("yearend_html", lang, r=report, chart=status_chart(report, lang),
                  cell=partial(followup_cell, lang=lang), total_actions=_total(report),
                  when=when or {}, charts=indicator_charts(report, lang, ylim),
                  num=partial(number_text, lang=lang), light_sign=_SIGNS)


def year_end_markdown(report: YearEnd, lang: str = "sv") -> str:
    return render("yearend_md", lang, r=report, esc=message_text,
                  cell=partial(followup_cell, lang=lang), total_actions=_total(report),
                  num=partial(number_text, lang=lang), light_sign=_SIGNS)


def indicator_charts(report: YearEnd, lang: str = "sv",
                     ylim: tuple[float, float] | None = None) -> dict[int, str]:
    """Indicator id → its trend chart (base64 PNG); indicators without values have none."""
    iw = indicator_words(lang)
    labels = (str(iw.baseline_label()), str(iw.target_label()))
    charts = {r.indicator.id: trend_chart(r, ylim, labels) for r in report.indicators}
    return {k: v for k, v in charts.items() if v}


def number_text(value: float | None, lang: str = "sv") -> str:
    """"2,4" in Swedish, "2.4" in English; "" for no value."""
    if value is None:
        return ""
    return format_decimal(value, locale="sv_SE" if lang == "sv" else "en_GB")
