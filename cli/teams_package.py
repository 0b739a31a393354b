"""`folja teams-package`: the zip a Teams administrator uploads (manifest.json + two icons)."""

from __future__ import annotations

from pathlib import Path

import click

from cli.base import console, load_settings, main
from i18n import t


def _default_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("folja")
    except PackageNotFoundError:
        return "0.1.0"


@main.command("teams-package")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default="folja.zip",
              show_default=True, help="Var zip-filen skrivs")
@click.option("--bot-id", default=None, help="Azure-botens app-id (annars MICROSOFT_APP_ID)")
@click.option("--app-id", default="", help="Teams-appens id (GUID); annars härlett ur bot-id:t")
@click.option("--version", "app_version", default=None,
              help="Appens version x.y.z; höj den vid varje uppladdning (annars Följas version)")
@click.option("--developer-name", envvar="FOLJA_DEVELOPER_NAME", default=None,
              help="Utgivaren som visas i Teams (FOLJA_DEVELOPER_NAME)")
@click.option("--website-url", envvar="FOLJA_WEBSITE_URL", default=None,
              help="Supportsidan (FOLJA_WEBSITE_URL; annars https://FOLJA_PUBLIC_HOST/)")
@click.option("--privacy-url", envvar="FOLJA_PRIVACY_URL", default=None,
              help="Integritetsmeddelandet (FOLJA_PRIVACY_URL)")
@click.option("--terms-url", envvar="FOLJA_TERMS_URL", default=None,
              help="Användarvillkoren (FOLJA_TERMS_URL)")
def teams_package(out: Path, bot_id: str | None, app_id: str, app_version: str | None,
                  developer_name: str | None, website_url: str | None, privacy_url: str | None,
                  terms_url: str | None) -> None:
    """Bygg Teams-appens paket (manifest 1.29, color.png, outline.png)."""
    from teams_app import ManifestError, ManifestOptions, build_manifest, build_package

    settings = load_settings()
    bot_id = (bot_id or settings.app_id).strip()
    if not bot_id:
        raise click.ClickException(t("cli.no_bot_id", "sv"))
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
    console.print(t("cli.package_written", "sv", file=out, size=len(data),
                    app_id=options.teams_app_id()))
