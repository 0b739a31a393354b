"""The routing table (bot/routes.py) is complete and consistent with what the cards, the catalogue
and the Teams manifest promise."""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
from pathlib import Path
from types import SimpleNamespace

import cards
from bot import routes
from bot.commands import parse
from bot.dispatch import Dispatch
from bot.errors import ErrorPolicy
from bot.handlers import Handlers
from domain.clock import system_clock
from i18n import MESSAGES

ROOT = Path(__file__).resolve().parents[2]


def _value(module, node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        found = getattr(module, node.id, None)
        return found if isinstance(found, str) else None
    return None


def _forwarded(tree: ast.AST) -> set[int]:
    """Nodes that only pass on a function's own parameter (its callers are scanned instead)."""
    skip: set[int] = set()
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            params = {a.arg for a in (*function.args.args, *function.args.kwonlyargs)}
            skip |= {id(n) for n in ast.walk(function) if isinstance(n, ast.Name) and n.id in params}
    return skip


def emitted_verbs() -> set[str]:
    """Every verb a card composer in cards/ puts on a button: `execute(VERB, …)` or
    `{"verb": VERB}`, names resolved to the module's constants."""
    verbs: set[str] = set()
    for info in pkgutil.iter_modules(cards.__path__):
        module = importlib.import_module(f"cards.{info.name}")
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        skip = _forwarded(tree)
        found: list[ast.expr] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "execute":
                found.append(node.args[0])
            if isinstance(node, ast.Dict):
                found += [v for k, v in zip(node.keys, node.values, strict=True)
                          if k is not None and _value(module, k) == "verb"]
        verbs |= {_value(module, v) or f"<unresolved in {info.name}: {ast.unparse(v)}>"
                  for v in found if id(v) not in skip}
    return verbs


def all_handlers() -> list:
    return [routes.BEFORE_TURN, routes.ON_ERROR, routes.OTHER_COMPOSE,
            *(row.handler for row in routes.ACTIVITIES), *(h for _, h in routes.INVOKES),
            *(row.handler for row in routes.CARD_VERBS), *routes.MESSAGE_HOOKS,
            *(row.handler for row in routes.COMMANDS), *(row.handler for row in routes.COMPOSE)]


def test_every_verb_a_card_emits_has_exactly_one_route_and_none_is_dead():
    emitted = emitted_verbs()
    routed = [row.verb for row in routes.CARD_VERBS]
    assert len(emitted) >= 7, emitted  # the scan found the follow-up and lookup buttons
    assert len(routed) == len(set(routed)), routed
    assert emitted == set(routed)


def test_no_two_commands_claim_a_trigger_and_none_is_shadowed():
    words = [(c.name, w) for c in routes.COMMANDS for w in (*c.sv, *c.en)]
    assert len({w for _, w in words}) == len(words), "a trigger word is in two rows"
    names = [c.name for c in routes.COMMANDS]
    assert len(names) == len(set(names))
    for name, word in words:
        intent = parse(word, routes.COMMANDS)
        assert intent is not None and intent.name == name, (word, intent)
        assert word == word.lower().strip(), word  # parse compares with normalised text


def test_every_command_has_its_help_lines_in_both_languages():
    for command in routes.COMMANDS:
        for part in ("usage", "help"):
            entry = MESSAGES.get(f"cmd.{command.name}.{part}")
            assert entry and entry.get("sv") and entry.get("en"), (command.name, part)
    listed = {key.split(".")[1] for key in MESSAGES if key.startswith("cmd.")}
    assert listed == {c.name for c in routes.COMMANDS}


def test_every_handler_is_a_method_with_a_one_line_docstring():
    for handler in all_handlers():
        owner, _, _ = handler.__qualname__.rpartition(".")
        assert owner and "<" not in owner, handler.__qualname__
        doc = (handler.__doc__ or "").strip().splitlines()
        assert doc and doc[0].strip(), f"{handler.__qualname__} has no docstring"


def test_the_manifest_offers_only_what_the_table_routes():
    manifest = json.loads((ROOT / "appPackage/manifest.template.json").read_text("utf-8"))
    compose = {c["id"] for ext in manifest["composeExtensions"] for c in ext["commands"]}
    assert compose == {row.command_id for row in routes.COMPOSE}
    titles = [c["title"] for bot in manifest["bots"] for group in bot["commandLists"]
              for c in group["commands"]]
    assert titles
    for title in titles:
        assert parse(title.rstrip(" …"), routes.COMMANDS) is not None, title


class FakeApp:
    """Records what `register` wires, the way AgentApplication is called."""

    def __init__(self) -> None:
        self.routes: list[tuple] = []
        self.execute: list[tuple] = []
        self.hooks: list = []
        self.adaptive_card = SimpleNamespace(action_execute=self._action_execute)

    def _action_execute(self, verb):
        return lambda handler: self.execute.append((verb, handler))

    def add_route(self, selector, handler, is_invoke=False, rank=None):
        self.routes.append((selector, handler, is_invoke, rank))

    def before_turn(self, handler):
        self.hooks.append(handler)

    def error(self, handler):
        self.hooks.append(handler)


def test_register_binds_every_row_to_one_instance_per_class():
    settings = SimpleNamespace(coordinators=(), allowed_tenants=(), default_language="sv")
    handlers = Handlers(SimpleNamespace(settings=settings, db=None, clock=system_clock))
    app = FakeApp()
    routes.register(app, handlers, ErrorPolicy())
    assert len(app.routes) == len(routes.ACTIVITIES) + len(routes.INVOKES) - 1
    assert [h.__func__ for _, h, _, _ in app.routes[:len(routes.ACTIVITIES)]] == [
        row.handler for row in routes.ACTIVITIES]
    (pattern, execute), = app.execute
    assert all(pattern.match(v.verb) for v in routes.CARD_VERBS if v.card)
    assert not pattern.match("lookup.show") and not pattern.match("status.")
    dispatch = execute.__self__
    assert isinstance(dispatch, Dispatch) and handlers.commands == routes.COMMANDS
    assert {n: h.__func__ for n, h in dispatch.intents.items()} == {
        c.name: c.handler for c in routes.COMMANDS}
    owners = {type(h.__self__) for h in (*dispatch.intents.values(), *dispatch.verbs.cards.values())}
    for owner in owners:  # one instance of each class serves all its rows
        assert len({id(h.__self__) for h in dispatch.intents.values()
                    if type(h.__self__) is owner}) <= 1
