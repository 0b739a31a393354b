"""manifest.json for Teams (schema 1.29) from the template in appPackage/ and the operator's values.

The template holds everything a person reads (Swedish names, command lists, the search extension);
this module fills in what differs per installation: ids, version, URLs, valid domains.
"""

from __future__ import annotations

import copy
import json
import re
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

TEMPLATE = Path(__file__).resolve().parent.parent / "appPackage" / "manifest.template.json"
GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
# The Teams app id must stay the same across upgrades: derived from the bot id unless given.
APP_ID_NAMESPACE = uuid.UUID("6f0e4c1a-3b7d-5e2f-9a41-f01a0f01a000")


class ManifestError(ValueError):
    """A value the manifest cannot take; the message (Swedish, for the operator) names the option."""


@dataclass(frozen=True)
class ManifestOptions:
    bot_id: str
    version: str
    developer_name: str
    website_url: str
    privacy_url: str
    terms_url: str
    public_host: str = ""
    app_id: str = ""

    def teams_app_id(self) -> str:
        return self.app_id or str(uuid.uuid5(APP_ID_NAMESPACE, self.bot_id.lower()))


@cache
def _template() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


def check(options: ManifestOptions) -> None:
    """Refuse values Teams would refuse, before anything is written."""
    if not GUID.match(options.bot_id):
        raise ManifestError(
            f"Bot-id måste vara ett GUID (MICROSOFT_APP_ID eller --bot-id), fick {options.bot_id!r}."
        )
    if options.app_id and not GUID.match(options.app_id):
        raise ManifestError(f"--app-id måste vara ett GUID, fick {options.app_id!r}.")
    if not SEMVER.match(options.version):
        raise ManifestError(
            f"Versionen måste se ut som 1.2.3, fick {options.version!r}."
        )
    if not 0 < len(options.developer_name) <= 32:
        raise ManifestError("Utvecklarens namn: 1–32 tecken.")
    for name in ("website_url", "privacy_url", "terms_url"):
        value = getattr(options, name)
        if not value.lower().startswith("https://"):
            raise ManifestError(
                f"--{name.replace('_', '-')} måste börja med https://, fick {value!r}."
            )


def build_manifest(options: ManifestOptions) -> dict[str, Any]:
    """The manifest as a dict, ready for json.dumps."""
    check(options)
    manifest = copy.deepcopy(json.loads(_template()))
    manifest["id"] = options.teams_app_id()
    manifest["version"] = options.version
    manifest["developer"].update(
        name=options.developer_name, websiteUrl=options.website_url,
        privacyUrl=options.privacy_url, termsOfUseUrl=options.terms_url,
    )
    for bot in manifest["bots"]:
        bot["botId"] = options.bot_id
    for extension in manifest["composeExtensions"]:
        extension["botId"] = options.bot_id
    manifest["validDomains"] = [options.public_host] if options.public_host else []
    return manifest
