"""A coordinator sends the .xlsx in a personal chat; Följa imports it and answers the summary.

Teams delivers a file as an attachment of type `application/vnd.microsoft.teams.file.download.info`
whose `content.downloadUrl` is a short-lived, pre-authorised link. Only coordinators may import
(role "koordinator", or listed in FOLJA_COORDINATORS); the person comes from the activity. The
workbook goes into the plan of the coordinator's own district (services/coordination.py); one
who coordinates several districts names it in the message with the file, or picks it on the card
Följa answers with.
"""

from __future__ import annotations

import logging
from pathlib import PurePath

import aiohttp
from microsoft_agents.activity import Attachment
from microsoft_agents.hosting.core import MessageFactory, TurnContext, TurnState

from bot import turn
from bot.handlers import Handlers
from cards.imports import district_choice_card
from i18n import t
from i18n.imports import warning_message
from reports import render
from services import coordination
from services.imports import DEFAULT_DISTRICT, WorkbookError, import_workbook

log = logging.getLogger(__name__)
FILE_INFO = "application/vnd.microsoft.teams.file.download.info"
ADAPTIVE = "application/vnd.microsoft.card.adaptive"
MAX_BYTES = 20 * 1024 * 1024
_TIMEOUT = aiohttp.ClientTimeout(total=60)


def _file_of(context: TurnContext) -> dict | None:
    for attachment in context.activity.attachments or []:
        if attachment.content_type == FILE_INFO and isinstance(attachment.content, dict):
            return {"name": attachment.name or "plan.xlsx", **attachment.content}
    return None


def has_file(context: TurnContext) -> bool:
    """A message carrying a Teams file (selector for the routing table)."""
    return context.activity.type == "message" and _file_of(context) is not None


class TooLarge(Exception):
    """The download exceeded MAX_BYTES."""


async def _download(url: str) -> bytes:
    async with aiohttp.ClientSession(timeout=_TIMEOUT) as session, session.get(url) as response:
        response.raise_for_status()
        data = bytearray()
        async for chunk in response.content.iter_chunked(65536):
            data.extend(chunk)
            if len(data) > MAX_BYTES:
                raise TooLarge()
        return bytes(data)


class Uploads:
    """Handles a file sent to the bot, and the coordinator's choice of district for it."""

    def __init__(self, handlers: Handlers) -> None:
        self.handlers = handlers

    async def on_file(self, context: TurnContext, _state: TurnState) -> None:
        """Import the workbook for a coordinator in a personal chat; refuse clearly otherwise."""
        person = await self.handlers.who(context)
        lang = self.handlers.lang(person)
        await _send(context, await self._answer(context, person, lang))

    async def on_district(self, context: TurnContext, _state: TurnState) -> None:
        """The district a coordinator picked for the workbook they sent: import it there."""
        person = await self.handlers.who(context)
        lang = self.handlers.lang(person)
        value = context.activity.value if isinstance(context.activity.value, dict) else {}
        deps = self.handlers.deps
        scope = await coordination.scope_of(deps.db, person, deps.settings.coordinators)
        district = scope.district(str(value.get("district") or ""))
        if turn.conversation_kind(context.activity) != "personal":
            answer = t("import.upload.not_personal", lang)
        elif not scope.is_coordinator:
            answer = t("import.upload.not_coordinator", lang)
        elif district is None:
            answer = _not_yours(str(value.get("district") or ""), scope, lang)
        else:
            answer = await self._import(person, lang, str(value.get("name") or "plan.xlsx"),
                                        str(value.get("url") or ""), district)
        await _send(context, answer)

    async def _answer(self, context: TurnContext, person, lang: str) -> str | dict:
        deps = self.handlers.deps
        if turn.conversation_kind(context.activity) != "personal":
            return t("import.upload.not_personal", lang)
        scope = await coordination.scope_of(deps.db, person, deps.settings.coordinators)
        if not scope.is_coordinator:
            return t("import.upload.not_coordinator", lang)
        info = _file_of(context) or {}
        name = PurePath(str(info.get("name", "plan.xlsx"))).name
        if str(info.get("fileType", "")).lower() not in ("xlsx", "") \
                or not name.lower().endswith(".xlsx"):
            return t("import.upload.not_xlsx", lang)
        url = str(info.get("downloadUrl", ""))
        said = " ".join((context.activity.text or "").split())
        districts = scope.districts()
        if said and any(said.lower() == d.lower() for d in scope.known):
            district = scope.district(said)
            if district is None:
                return _not_yours(said, scope, lang)
        elif len(districts) > 1:
            return district_choice_card(t("import.upload.which_district", lang), name, url,
                                        districts)
        else:  # one district, or a municipality-wide coordinator before the first plan
            district = districts[0] if districts else DEFAULT_DISTRICT
        return await self._import(person, lang, name, url, district)

    async def _import(self, person, lang: str, name: str, url: str, district: str) -> str:
        """Download and import into `district`'s plan; the summary or a Swedish error."""
        name = PurePath(name).name
        if not name.lower().endswith(".xlsx"):
            return t("import.upload.not_xlsx", lang)
        try:
            data = await _download(url)
        except TooLarge:
            return t("import.error.too_large", lang, size=">20", limit=20)
        except (aiohttp.ClientError, TimeoutError, ValueError):
            log.warning("file download failed", exc_info=True)
            return t("import.error.download", lang)
        try:
            report = await import_workbook(self.handlers.deps.db, PurePath(name), data=data,
                                           district=district,
                                           actor=person.email or str(person.id))
        except WorkbookError as exc:
            return t(f"import.error.{exc.code}", lang, **exc.values)
        warnings = [{"sheet": w.sheet, "row": w.row,
                     "message": warning_message(w.code, w.values, lang)} for w in report.warnings]
        return render("import_summary", lang, report=report, warnings=warnings)


def _not_yours(district: str, scope: coordination.Scope, lang: str) -> str:
    return t("import.upload.not_your_district", lang, district=district[:80],
             yours=", ".join(scope.districts()) or "–")


async def _send(context: TurnContext, answer: str | dict) -> None:
    if isinstance(answer, dict):
        await context.send_activity(MessageFactory.attachment(
            Attachment(content_type=ADAPTIVE, content=answer)))
    else:
        await context.send_activity(MessageFactory.text(answer))
