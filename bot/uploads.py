"""A coordinator sends the .xlsx in a personal chat; Följa imports it and answers the summary.

Teams delivers a file as an attachment of type `application/vnd.microsoft.teams.file.download.info`
whose `content.downloadUrl` is a short-lived, pre-authorised link. Only coordinators may import
(role "koordinator", or listed in FOLJA_COORDINATORS); the person comes from the activity.
"""

from __future__ import annotations

import logging
from pathlib import PurePath

import aiohttp
from microsoft_agents.hosting.core import MessageFactory, TurnContext, TurnState

from bot import turn
from bot.downloads import Refused, TooLarge, fetch
from bot.handlers import Handlers
from domain.personal_data import contains_personal_number
from i18n import t
from i18n.imports import warning_message
from reports import render
from services.imports import WorkbookError, import_workbook
from services.roles import is_coordinator

log = logging.getLogger(__name__)
FILE_INFO = "application/vnd.microsoft.teams.file.download.info"
MAX_BYTES = 20 * 1024 * 1024


def _file_of(context: TurnContext) -> dict | None:
    for attachment in context.activity.attachments or []:
        if attachment.content_type == FILE_INFO and isinstance(attachment.content, dict):
            return {"name": attachment.name or "plan.xlsx", **attachment.content}
    return None


def has_file(context: TurnContext) -> bool:
    """A message carrying a Teams file (selector for the routing table)."""
    return context.activity.type == "message" and _file_of(context) is not None


class Uploads:
    """Handles a file sent to the bot."""

    def __init__(self, handlers: Handlers) -> None:
        self.handlers = handlers

    async def on_file(self, context: TurnContext, _state: TurnState) -> None:
        """Import the workbook for a coordinator in a personal chat; refuse clearly otherwise."""
        person = await self.handlers.who(context)
        lang = self.handlers.lang(person)
        await context.send_activity(MessageFactory.text(await self._answer(context, person, lang)))

    async def _answer(self, context: TurnContext, person, lang: str) -> str:
        deps = self.handlers.deps
        if turn.conversation_kind(context.activity) != "personal":
            return t("import.upload.not_personal", lang)
        if not await is_coordinator(deps.db, person, deps.settings.coordinators):
            return t("import.upload.not_coordinator", lang)
        info = _file_of(context) or {}
        name = PurePath(str(info.get("name", "plan.xlsx"))).name
        if str(info.get("fileType", "")).lower() not in ("xlsx", "") \
                or not name.lower().endswith(".xlsx"):
            return t("import.upload.not_xlsx", lang)
        if contains_personal_number(name):  # refused before anything is fetched
            return t("import.error.personal_number_name", lang)
        try:
            data = await fetch(str(info.get("downloadUrl", "")), max_bytes=MAX_BYTES,
                               local=deps.settings.local_mode)
        except Refused:
            log.warning("file download refused: the link is not to an allowed host")
            return t("import.error.download_refused", lang)
        except TooLarge:
            return t("import.error.too_large", lang, size=">20", limit=20)
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            # The error's text holds the link, and the link is a credential: its type only.
            log.warning("file download failed (%s)", type(exc).__name__)
            return t("import.error.download", lang)
        try:
            report = await import_workbook(deps.db, PurePath(name), data=data,
                                           actor=person.email or str(person.id))
        except WorkbookError as exc:
            return t(f"import.error.{exc.code}", lang, **exc.values)
        warnings = [{"sheet": w.sheet, "row": w.row,
                     "message": warning_message(w.code, w.values, lang)} for w in report.warnings]
        return render("import_summary", lang, report=report, warnings=warnings)
