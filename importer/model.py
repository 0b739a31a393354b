"""What the importer reads out of a workbook: plain values, no database, no Excel objects."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.indicators import Direction, Source
from importer.indicator_cells import Cell

# The five areas of the central samverkansöverenskommelse; any other area is the district's own.
STANDARD_AREAS: tuple[str, ...] = (
    "Unga i riskzon för destruktivt beteende",
    "Otrygga och brottsutsatta platser",
    "Systemhotade brottslighet",
    "Särskilt utsatta och sårbara brottsoffer",
    "Kriminella miljöer och livsstilar",
)


class WorkbookError(Exception):
    """The file cannot be read as a plan; `code` picks the Swedish message (i18n/imports.py)."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


@dataclass(frozen=True)
class ImportWarning:
    """Something the coordinator should look at; `code` + `values` pick the message."""

    sheet: str
    row: int | None
    code: str
    values: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ParsedAction:
    sheet: str
    row: int
    title: str
    problem: str = ""
    cause: str = ""
    action_text: str = ""
    goal: str = ""
    when_text: str = ""
    who_text: str = ""
    follow_up: str = ""


@dataclass(frozen=True)
class ParsedArea:
    name: str
    sheet_name: str
    custom: bool
    actions: tuple[ParsedAction, ...] = ()

    @property
    def counts(self) -> tuple[int, int, int]:
        """(problems, causes, actions) counted like the template's summary sheet: filled rows."""
        return (
            sum(1 for a in self.actions if a.problem),
            sum(1 for a in self.actions if a.cause),
            len(self.actions),
        )


@dataclass(frozen=True)
class SummaryRow:
    """One line of the workbook's own summary sheet ("Sammanställning…")."""

    name: str
    problems: int | None
    causes: int | None
    actions: int | None
    row: int


@dataclass(frozen=True)
class ParsedIndicator:
    """One row of the Indikatorer sheet (importer/indicator_sheet.py)."""

    sheet: str
    row: int
    area: str
    name: str
    source: Source
    direction: Direction
    problem: str = ""
    unit: str = ""
    baseline_value: float | None = None
    baseline_period: str = ""
    target_value: float | None = None
    target_period: str = ""
    owner: str = ""
    values: tuple[tuple[str, Cell], ...] = ()  # (period, cell), blank cells left out


@dataclass(frozen=True)
class ParsedPlan:
    layout: str  # "2025" (area name heads column A) or "2024" (area name in the row below)
    title: str
    year: int | None
    areas: tuple[ParsedArea, ...]
    warnings: tuple[ImportWarning, ...] = ()
    summary_sheet: str = ""
    indicators: tuple[ParsedIndicator, ...] = ()
    indicator_sheet: str = ""  # "" when the workbook has no Indikatorer sheet

    @property
    def actions(self) -> tuple[ParsedAction, ...]:
        return tuple(a for area in self.areas for a in area.actions)
