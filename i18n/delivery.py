"""Messages of the delivery engine: what coordinators read about undelivered messages."""

MESSAGES: dict[str, dict[str, str]] = {
    "outbox_dead_letters": {
        "sv": "⚠️ {count:# meddelande|# meddelanden} i omgång {round} kunde inte levereras i Teams, trots flera "
        "försök. Mottagarna har kanske blockerat Följa eller tagit bort appen. Se listan med "
        "`folja outbox --failed` och skicka om med `folja outbox retry --all`.",
        "en": "⚠️ {count:# message|# messages} in round {round} could not be delivered in Teams, despite "
        "several attempts. The recipients may have blocked Följa or removed the app. See the "
        "list with `folja outbox --failed` and resend with `folja outbox retry --all`.",
    },
}
