import hashlib

from tests.schemas import SCHEMAS, assert_valid_card, card_errors


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


def test_the_schemas_are_the_published_files():
    """schemas/README.md names each file's checksum; an edited copy would validate other cards."""
    readme = (SCHEMAS / "README.md").read_text()
    for name in ("adaptive-card-1.5.json", "teams-manifest-1.29.json"):
        digest = hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest()
        row = next(line for line in readme.splitlines() if line.startswith(f"| `{name}`"))
        assert row.rstrip(" |").endswith(f"`{digest}`"), name
