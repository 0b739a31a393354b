from tests.schemas import assert_valid_card, card_errors


def test_a_minimal_card_validates():
    assert_valid_card({
        "type": "AdaptiveCard", "version": "1.5",
        "body": [{"type": "TextBlock", "text": "Hej"}],
        "actions": [{"type": "Action.Execute", "title": "Spara", "verb": "x",
                     "fallback": {"type": "Action.Submit", "title": "Spara"}}],
    })


def test_an_invalid_card_is_caught():
    assert card_errors({"type": "AdaptiveCard", "version": "1.5",
                        "body": [{"type": "TextBlock"}]})
