"""The city report rendered: printable HTML with charts, Markdown tables, and the words the
workbook (importer/city_export.py) is written in.

Charts as in the year-end report: matplotlib's object API on the Agg backend (no pyplot, no
global figure state), base64 PNG data URIs, so the HTML is one self-contained file.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from functools import partial

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from domain.city import STATUSES, CityArea, CityStatus, Tally
from domain.lights import EMOJI, HEX, Light
from domain.plaintext import message_text
from domain.summary import UNANSWERED
from reports.city_indicators import city_indicator_charts
from reports.indicator_charts import LIGHT_COLOURS
from reports.rendering import macros, render
from reports.yearend import COLOURS, indicator_words, number_text

KEYS = (*STATUSES, UNANSWERED)
_WORDS = ("districts_heading", "areas_heading", "flagged_heading", "no_flagged",
          "districts_chart", "col_district", "col_area", "col_actions", "col_answered",
          "col_support", "col_light", "col_action", "col_status", "col_support_text", "rules",
          "sheet_districts", "sheet_areas", "sheet_flagged")


def words(lang: str = "sv"):
    """The macros of city_words.LANG.j2."""
    return macros("city_words", lang)


def _segments(tally: Tally) -> list[tuple[str, int]]:
    return [*tally.statuses, (UNANSWERED, tally.actions - tally.answered)]


def stacked_chart(rows: Sequence[tuple[str, Tally]], title: str, lang: str = "sv") -> str:
    """A stacked bar per row (status counts, then no answer) as base64 PNG; '' when empty."""
    if not rows or not any(t.actions for _n, t in rows):
        return ""
    w = words(lang)
    fig = Figure(figsize=(10, 0.45 * len(rows) + 1.8), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    names = [n if len(n) <= 40 else n[:39] + "…" for n, _t in rows][::-1]
    left = [0] * len(rows)
    for key in KEYS:
        values = [dict(_segments(t))[key] for _n, t in rows][::-1]
        ax.barh(names, values, left=left, color=COLOURS[key], label=str(w.status(key)))
        left = [x + y for x, y in zip(left, values, strict=True)]
    ax.set_title(title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=4, fontsize=8, frameon=False)
    ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]  # a MaxNLocator
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return base64.b64encode(out.getvalue()).decode()


def area_chart(area: CityArea, lang: str = "sv") -> str:
    return stacked_chart([(t.district, t) for t in area.districts],
                         str(words(lang).area_chart(area.name)), lang)


def city_html(status: CityStatus, lang: str = "sv") -> str:
    charts = {"districts": stacked_chart([(d.district, d) for d in status.districts],
                                         str(words(lang).districts_chart()), lang),
              "areas": [area_chart(a, lang) for a in status.areas]}
    return render("city_html", lang, c=status, charts=charts, statuses=STATUSES,
                  hex={light.value: colour for light, colour in HEX.items()},
                  indicator_charts=city_indicator_charts(status.indicators, lang),
                  light_hex={light.value: colour for light, colour in LIGHT_COLOURS.items()},
                  num=partial(number_text, lang=lang))


def city_markdown(status: CityStatus, lang: str = "sv") -> str:
    signs = {light.value: sign for light, sign in EMOJI.items()}
    return render("city_md", lang, c=status, statuses=STATUSES, esc=message_text,
                  emoji=signs, light_sign=signs, num=partial(number_text, lang=lang))


def workbook_labels(lang: str = "sv") -> dict[str, str]:
    """Every word the workbook needs: headings, sheet names, statuses ("status.done"), lights
    ("light.red") and the area charts' titles' pattern ("area_chart" with {name})."""
    w = words(lang)
    labels = {key: str(getattr(w, key)()) for key in _WORDS}
    labels |= {f"status.{key}": str(w.status(key)) for key in KEYS}
    labels |= {f"light.{light.value}": str(w.light(light.value)) for light in Light}
    labels["area_chart"] = str(w.area_chart("{name}"))
    return labels | indicator_labels(lang)


def indicator_labels(lang: str = "sv") -> dict[str, str]:
    """The indicator sheet's words ("ind.…"): its name, columns, colours, better/worse."""
    w, iw = words(lang), indicator_words(lang)
    labels = {"ind.sheet": str(w.sheet_indicators()), "ind.col_indicator": str(iw.indicator_col()),
              "ind.col_problem": str(iw.problem_label()), "ind.col_unit": str(w.col_unit()),
              "ind.col_baseline": str(iw.baseline_col()),
              "ind.col_baseline_period": str(w.col_baseline_period()),
              "ind.col_target": str(iw.target_col()),
              "ind.col_target_period": str(w.col_target_period()),
              "ind.col_trend": str(iw.trend_col()), "ind.col_light": str(iw.light_col()),
              "ind.better.yes": str(iw.better(True)), "ind.better.no": str(iw.better(False))}
    return labels | {f"ind.light.{v}": str(iw.light(v)) for v in ("green", "yellow", "red", "grey")}
