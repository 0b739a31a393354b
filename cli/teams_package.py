"""`folja teams-package`: the zip a Teams administrator uploads (manifest.json + two icons)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import click

from cli.base import console, load_settings, main
from teams_app import ManifestError, ManifestOptions, build_manifest, build_package


def _default_version() -> str:
    try:
        return version("folja")
    except PackageNotFoundError:
        return "0.1.0"


@main.command("teams-package")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default="folja.zip",
              show_default=True, help="Where to write the zip")
@click.option("--bot-id", default=None, help="The Azure Bot's app id (default MICROSOFT_APP_ID)")
@click.option("--app-id", default="", help="The Teams app id (GUID); default derived from the bot id")
@click.option("--version", "app_version", default=None,
              help="App version x.y.z; raise it for every upload (default: Följa's version)")
@click.option("--developer-name", envvar="FOLJA_DEVELOPER_NAME", default=None,
              help="Publisher shown in Teams (FOLJA_DEVELOPER_NAME)")
@click.option("--website-url", envvar="FOLJA_WEBSITE_URL", default=None,
              help="Support page (FOLJA_WEBSITE_URL; default https://FOLJA_PUBLIC_HOST/)")
@click.option("--privacy-url", envvar="FOLJA_PRIVACY_URL", default=None,
              help="Privacy notice (FOLJA_PRIVACY_URL)")
@click.option("--terms-url", envvar="FOLJA_TERMS_URL", default=None,
              help="Terms of use (FOLJA_TERMS_URL)")
def teams_package(out: Path, bot_id: str | None, app_id: str, app_version: str | None,
                  developer_name: str | None, website_url: str | None, privacy_url: str | None,
                  terms_url: str | None) -> None:
    """Build the Teams app package (manifest 1.29, color.png, outline.png)."""
    settings = load_settings()
    bot_id = (bot_id or settings.app_id).strip()
    if not bot_id:
        raise click.ClickException(
            "Bot-id saknas: sätt MICROSOFT_APP_ID eller ange --bot-id. / No bot id: set "
            "MICROSOFT_APP_ID or pass --bot-id."
        )
    site = website_url or (f"https://{settings.public_host}/" if settings.public_host else "")
    options = ManifestOptions(
        bot_id=bot_id, app_id=app_id.strip(), version=app_version or _default_version(),
        developer_name=(developer_name or "Följa").strip(), website_url=site,
        privacy_url=privacy_url or site, terms_url=terms_url or site,
        public_host=settings.public_host,
    )
    try:
        data = build_package(build_manifest(options))
    except ManifestError as exc:
        raise click.ClickException(str(exc)) from exc
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    console.print(f"Skrev {out} ({len(data)} byte), Teams-app-id {options.teams_app_id()}. "
                  f"/ Wrote {out}.")
