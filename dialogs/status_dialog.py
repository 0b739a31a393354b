"""Reporting a status without cards ("rapportera text"): choice → choice → text → confirm.

For Teams clients where Adaptive Cards do not render. Built with the SDK's dialogs; the dialog
state lives in the conversation state of the app's TurnState (the database storage), built inside
the turn — never at module level. The save goes through services.followup.record_status, so it
is the same record, with the same checks, as a card save. The person is re-read from the
activity at the end; the dialog state only remembers which actions were offered.
"""

from __future__ import annotations

import logging

from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import MessageFactory, TurnContext, TurnState
from microsoft_agents.hosting.dialogs import DialogSet, DialogTurnStatus, WaterfallDialog
from microsoft_agents.hosting.dialogs.choices import Choice, ListStyle
from microsoft_agents.hosting.dialogs.prompts import (
    ChoicePrompt,
    ConfirmPrompt,
    PromptOptions,
    TextPrompt,
)

from domain.followup import StatusInput
from domain.status import STATUS_ORDER
from i18n import t
from services import followup

log = logging.getLogger(__name__)
STATE_KEY = "status_dialog"
MAIN, PICK_ACTION, PICK_STATUS, TEXT, CONFIRM = "status", "pick_action", "pick_status", "text", "confirm"


def _choice_prompt(dialog_id: str) -> ChoicePrompt:
    prompt = ChoicePrompt(dialog_id, default_locale="en-us")
    prompt.style = ListStyle.list_style  # numbered text: works where buttons do not
    return prompt


def _confirm_prompt(lang: str) -> ConfirmPrompt:
    prompt = ConfirmPrompt(CONFIRM, default_locale="en-us")
    prompt.style = ListStyle.list_style
    prompt.confirm_choices = (  # type: ignore[assignment]  # the SDK annotates it as None only
        Choice(t("fu_dlg_yes", lang)), Choice(t("fu_dlg_no", lang)))
    return prompt


class StatusDialog:
    """One per turn: the dialog set, its steps, and what they need (no module-level state)."""

    def __init__(self, context: TurnContext, state: TurnState, handlers, lang: str) -> None:
        self.handlers, self.db, self.lang = handlers, handlers.deps.db, lang
        self.dialogs = DialogSet(state.conversation.create_property(STATE_KEY))
        self.dialogs.add(_choice_prompt(PICK_ACTION))
        self.dialogs.add(_choice_prompt(PICK_STATUS))
        self.dialogs.add(TextPrompt(TEXT))
        self.dialogs.add(_confirm_prompt(lang))
        self.dialogs.add(WaterfallDialog(MAIN, [
            self.ask_action, self.ask_status, self.ask_text, self.ask_confirm, self.save]))

    def say(self, key: str, **values) -> Activity:
        return MessageFactory.text(t(key, self.lang, **values))

    async def ask_action(self, step):
        items = step.options["items"]
        step.values["items"] = items
        return await step.prompt(PICK_ACTION, PromptOptions(
            prompt=self.say("fu_dlg_pick_action"), retry_prompt=self.say("fu_dlg_retry"),
            choices=[Choice(title[:60]) for _r, _a, title in items]))

    async def ask_status(self, step):
        step.values["item"] = step.values["items"][step.result.index]
        return await step.prompt(PICK_STATUS, PromptOptions(
            prompt=self.say("fu_dlg_pick_status"), retry_prompt=self.say("fu_dlg_retry"),
            choices=[Choice(t(f"status_{s.value}", self.lang)) for s in STATUS_ORDER]))

    async def ask_text(self, step):
        step.values["status"] = STATUS_ORDER[step.result.index].value
        return await step.prompt(TEXT, PromptOptions(prompt=self.say("fu_dlg_text")))

    async def ask_confirm(self, step):
        text = (step.result or "").strip()
        step.values["text"] = "" if text == "-" else text
        _r, _a, title = step.values["item"]
        return await step.prompt(CONFIRM, PromptOptions(prompt=self.say(
            "fu_dlg_confirm", title=title[:80],
            status=t(f"status_{step.values['status']}", self.lang), text=step.values["text"] or "–")))

    async def save(self, step):
        if not step.result:
            await step.context.send_activity(self.say("fu_dlg_cancelled"))
            return await step.end_dialog()
        person = await self.handlers.who(step.context)
        round_id, action_id, _title = step.values["item"]
        data = StatusInput(round_id, action_id, STATUS_ORDER_BY_VALUE[step.values["status"]],
                           done_text=step.values["text"],
                           idempotency_key=f"dialog:{round_id}:{action_id}:{step.context.activity.id}")
        result = await followup.record_status(
            self.db, data, person_id=person.id if person else 0, now=self.handlers.deps.clock(),
            coordinators=self.handlers.deps.settings.coordinators, source="teams-text")
        if result.ok and result.report is not None:
            await step.context.send_activity(self.say("fu_dlg_saved", version=result.report.version))
        elif result.refused:
            await step.context.send_activity(self.say(result.refused, **result.refused_values))
        else:
            problems = " ".join(t(e.key, self.lang, **e.values) for e in result.errors)
            await step.context.send_activity(self.say("fu_dlg_not_saved", problems=problems))
        return await step.end_dialog()


STATUS_ORDER_BY_VALUE = {s.value: s for s in STATUS_ORDER}


async def run_status_dialog(context: TurnContext, state: TurnState, handlers, person, lang: str) -> None:
    """Start the text-only report for what is open for this person."""
    items = await followup.my_items(handlers.deps.db, person.id, open_only=False) if person else []
    if not items:
        await context.send_activity(MessageFactory.text(t("fu_my_none", lang)))
        return
    dialog = StatusDialog(context, state, handlers, lang)
    dc = await dialog.dialogs.create_context(context)
    await dc.cancel_all_dialogs()
    await dc.begin_dialog(MAIN, {"items": [(i.round.id, i.action_id, i.title) for i in items]})


async def continue_status_dialog(context: TurnContext, state: TurnState, handlers, lang: str) -> bool:
    """Feed this message to a running status dialog; False when none is running."""
    stored = state.conversation.get_value(STATE_KEY) if hasattr(state.conversation, "get_value") else None
    if not stored:
        return False
    dialog = StatusDialog(context, state, handlers, lang)
    dc = await dialog.dialogs.create_context(context)
    if dc.active_dialog is None:
        return False
    if (context.activity.text or "").strip().lower() in ("avbryt", "cancel"):
        await dc.cancel_all_dialogs()
        await context.send_activity(MessageFactory.text(t("fu_dlg_cancelled", lang)))
        return True
    result = await dc.continue_dialog()
    return result.status != DialogTurnStatus.Empty
