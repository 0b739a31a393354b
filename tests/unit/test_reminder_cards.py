"""The reminder card stays inside Teams' size limit however many actions are open, and says how
many it leaves out; the digest and the reminder validate as Adaptive Cards 1.5."""

from __future__ import annotations

import json
from datetime import timedelta

from cards.reminders import COMPOSER, MAX_ACTIONS
from domain.reminder_content import Escalation, MissedPerson, OpenAction, RoundPart
from tests.schemas import assert_valid_card


def test_many_long_actions_fit_and_the_rest_is_counted(clock):
    today = clock.today
    actions = tuple(OpenAction(1, n, "Åtgärd " + "x" * 400) for n in range(40))
    parts = [RoundPart("Kungsholmen", "Kungsholmen 2025", "V1", today, 6, 9, actions[:30]),
             RoundPart("Norrmalm", "Norrmalm 2024", "N1", today + timedelta(days=3), 0, 1,
                       actions[30:])]
    activity = COMPOSER.reminder(parts, "sv", today)
    [attachment] = activity["attachments"]
    assert_valid_card(attachment["content"])
    assert len(json.dumps(activity, ensure_ascii=False).encode()) < 28 * 1024
    said = json.dumps(attachment["content"], ensure_ascii=False)
    assert said.count('"status.open"') == MAX_ACTIONS * 2  # the verb and its data
    assert "… och 5 åtgärder till" in said and "… och 10 åtgärder till" in said
    assert "V1, sista dagen är i dag" in said and "1 tillfrågad har svarat" in said
    assert activity["text"] == "Påminnelse: 40 åtgärder väntar fortfarande på din uppföljning."
    english = COMPOSER.reminder(parts[:1], "en", today)
    assert "6 of 9 people have answered" in json.dumps(english)


def test_the_digest_lists_people_and_their_actions(clock):
    digest = Escalation("Kungsholmen", "Kungsholmen 2025", "V2", "V1",
                        (MissedPerson("Tina Trygg", ("SSP", "Trygghetsvandring")),))
    activity = COMPOSER.escalation(digest, "sv")
    [attachment] = activity["attachments"]
    assert_valid_card(attachment["content"])
    said = json.dumps(attachment["content"], ensure_ascii=False)
    assert "1 person i Kungsholmen 2025 har inte svarat" in said and "i V1 och V2" in said
    assert "Tina Trygg" in said and "• Trygghetsvandring" in said
