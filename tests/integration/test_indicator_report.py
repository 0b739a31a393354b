"""The year-end report's effect indicators: a table per area (baseline → latest → target,
arrow, colour), a trend chart each, in HTML, Markdown and xlsx; and the HTML as Chromium draws it.
"""

from __future__ import annotations

import base64
import io
import subprocess
from pathlib import Path

import pytest
from matplotlib.image import imread
from openpyxl import load_workbook

from cli.report import render_report
from importer.workbook import parse_workbook
from reports.indicator_charts import shared_ylim, trend_chart
from reports.yearend import indicator_charts
from services.yearend import year_end
from storage.db import Database
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS
from tests.indicator_data import EXPECTED, MESSY, MESSY_HEADERS, import_plan

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "var" / "test-artifacts" / "indicators"


@pytest.fixture
async def report(database: Database, tmp_path):
    await import_plan(database, tmp_path)
    return await year_end(database, "Kungsholmen 2025")


async def test_html_has_a_table_per_area_and_a_chart_per_indicator(report):
    html = render_report(report, "html", "sv").decode()
    section = html[html.index("<h2>Effektindikatorer</h2>"):]
    assert section.count('<table class="indicators">') == 3  # three areas have indicators
    assert section.count('class="spark"') == len(EXPECTED)
    assert "2,4" in section and "1,8" in section  # baseline and target, Swedish decimals
    assert "<em>ingen data: enkäten genomfördes inte</em>" in section
    for light in ("light-green", "light-yellow", "light-red", "light-grey"):
        assert light in section
    assert "↓ bättre" in section and "↑ sämre" in section


async def test_markdown_and_xlsx_carry_the_same_judgement(report):
    md = render_report(report, "md", "sv").decode()
    assert "## Effektindikatorer" in md and "| Anmälda skadegörelsebrott (antal) |" in md
    assert "↑ sämre | Röd |" in md and "Grå – ingen data" in md
    data = render_report(report, "xlsx", "sv")
    ws = load_workbook(io.BytesIO(data))["Indikatorer"]
    head = [c.value for c in ws[1]]
    assert head[-2:] == ["Trend", "Bedömning"]
    judged = {r[2].value: r[-1].value for r in ws.iter_rows(min_row=2)}
    assert judged == {"Otrygghet i området": "Grå – ingen data",
                      "Anmälda rån mot unga": "Grön",
                      "Deltagare i avhopparverksamhet": "Gul",
                      "Anmälda skadegörelsebrott": "Röd"}
    assert len(parse_workbook(data).indicators) == len(EXPECTED)  # still an importable sheet


async def test_user_text_is_escaped(database: Database, tmp_path):
    rows = [list(r) for r in MESSY[:1]]
    rows[0][2] = "<script>alert(1)</script> Otrygghet"
    await import_plan(database, tmp_path, rows=rows, headers=MESSY_HEADERS)
    html = render_report(await year_end(database, "Kungsholmen 2025"), "html", "sv").decode()
    assert "<script>" not in html and "&lt;script&gt;" in html


async def test_ylim_puts_charts_on_one_scale(report):
    results = report.report.indicators
    scale = shared_ylim(results)
    assert scale is not None and scale[0] == 0 and scale[1] > 110
    free, fixed = trend_chart(results[1]), trend_chart(results[1], ylim=scale)
    assert free and fixed and free != fixed
    assert set(indicator_charts(report.report, "sv", scale)) == {r.indicator.id for r in results}
    png = base64.b64decode(fixed)
    assert png.startswith(b"\x89PNG")


def _has_colour(png: Path, rgb: tuple[int, int, int]) -> bool:
    pixels = (imread(str(png))[:, :, :3] * 255).round()
    return bool(((abs(pixels - rgb) <= 3).all(axis=2)).any())


@pytest.mark.skipif(not CHROMIUM.is_file(), reason="chromium is not on PATH")
async def test_chromium_draws_the_indicator_table(report, tmp_path, record_property):
    """The report as a person sees it: the screenshot is kept in var/test-artifacts/indicators."""
    html = render_report(report, "html", "sv").decode()
    page = tmp_path / "arsuppfoljning.html"
    start = html.index("<h2>Effektindikatorer</h2>")  # the section at the top of the window
    end = html.index("</table>", html.rindex('<table class="indicators">')) + len("</table>")
    page.write_text(html[:html.index("<body>") + 6] + html[start:end] + "</body></html>")
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / "yearend-indicators.png"
    shot.unlink(missing_ok=True)
    subprocess.run([str(CHROMIUM), *CHROMIUM_ARGS, "--hide-scrollbars", "--window-size=1400,1400",
                    f"--screenshot={shot}", page.as_uri()],
                   check=True, capture_output=True, timeout=90)
    record_property("screenshot", str(shot))
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 10_000
    assert _has_colour(shot, (0xfd, 0xe7, 0xe9))  # the red badge is drawn
    assert _has_colour(shot, (0xdf, 0xf6, 0xdd))  # and the green one
