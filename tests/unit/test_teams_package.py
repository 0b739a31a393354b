"""The Teams app package: manifest valid against schema 1.29, exactly three files, real icons."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from config import Settings, SettingsError
from teams_app import PACKAGE_FILES, ManifestError, ManifestOptions, build_manifest, build_package
from teams_app.png import decode_rgba, encode_rgba, size_of
from tests.schemas import assert_valid_manifest

BOT_ID = "0b6c1f52-8d0e-4c7a-9f3e-2a5d7c9e1b40"
OPTIONS = ManifestOptions(
    bot_id=BOT_ID, version="1.2.3", developer_name="Malmö stad",
    website_url="https://folja.malmo.se/", privacy_url="https://malmo.se/integritet",
    terms_url="https://malmo.se/villkor", public_host="folja.malmo.se",
)
ENV = {"MICROSOFT_APP_ID": BOT_ID, "MICROSOFT_APP_PASSWORD": "secret",
       "MICROSOFT_APP_TENANT_ID": "tenant", "FOLJA_PUBLIC_HOST": "folja.malmo.se",
       "FOLJA_HOST": "127.0.0.1"}


@pytest.fixture(autouse=True)
def keep_test_logging(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI configures logging for the whole process; in tests that would leak into others."""
    monkeypatch.setattr("cli.base.configure_logging", lambda _settings: None)


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_manifest_is_valid_and_carries_settings():
    manifest = build_manifest(OPTIONS)
    assert_valid_manifest(manifest)
    assert manifest["manifestVersion"] == "1.29" and manifest["version"] == "1.2.3"
    [bot] = manifest["bots"]
    assert bot["botId"] == BOT_ID and bot["scopes"] == ["personal", "team", "groupChat"]
    assert manifest["validDomains"] == ["folja.malmo.se"]
    assert manifest["developer"]["privacyUrl"] == "https://malmo.se/integritet"
    assert manifest["id"] != BOT_ID and manifest["id"] == build_manifest(OPTIONS)["id"]


def test_swedish_command_lists_per_scope():
    [bot] = build_manifest(OPTIONS)["bots"]
    lists = {tuple(c["scopes"]): [cmd["title"] for cmd in c["commands"]] for c in bot["commandLists"]}
    assert lists[("personal",)] == [
        "hjälp", "mina åtgärder", "rapportera", "vem äger …", "styrgrupp", "sammanfattning",
        "starta uppföljning",
    ]
    assert "vem äger …" in lists[("team", "groupChat")] and "hjälp" in lists[("team", "groupChat")]
    assert all(len(title) <= 32 for titles in lists.values() for title in titles)


def test_search_extension_is_sok_with_one_query_parameter():
    [extension] = build_manifest(OPTIONS)["composeExtensions"]
    [command] = extension["commands"]
    assert extension["botId"] == BOT_ID
    assert (command["id"], command["type"], command["title"]) == ("sok", "query", "Sök i åtgärdsplanen")
    assert [p["name"] for p in command["parameters"]] == ["query"]


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ({"bot_id": "not-a-guid"}, "GUID"),
        ({"app_id": "x"}, "--app-id"),
        ({"version": "1.0"}, "1.2.3"),
        ({"privacy_url": "http://malmo.se"}, "--privacy-url"),
        ({"developer_name": ""}, "Utvecklarens namn"),
    ],
)
def test_bad_values_are_refused_in_swedish(change, needle):
    with pytest.raises(ManifestError, match=needle):
        build_manifest(replace(OPTIONS, **change))


def test_zip_holds_exactly_three_files_with_the_right_icons():
    data = build_package(build_manifest(OPTIONS))
    files = unzip(data)
    assert sorted(files) == sorted(PACKAGE_FILES)
    assert json.loads(files["manifest.json"]) == build_manifest(OPTIONS)
    assert size_of(files["color.png"]) == (192, 192)
    assert size_of(files["outline.png"]) == (32, 32)
    assert build_package(build_manifest(OPTIONS)) == data  # reproducible bytes


def test_outline_is_white_on_transparent_and_colour_is_opaque():
    files = unzip(build_package(build_manifest(OPTIONS)))
    outline = [p for row in decode_rgba(files["outline.png"]) for p in row]
    assert all(p[:3] == (255, 255, 255) for p in outline)
    alphas = {p[3] for p in outline}
    assert 0 in alphas and 255 in alphas  # a transparent background and a solid shape
    assert outline[0][3] == 0  # the corner is background
    colour = [p for row in decode_rgba(files["color.png"]) for p in row]
    assert all(p[3] == 255 for p in colour)
    assert colour[0][:3] == (0x1F, 0x5C, 0x99)  # the accent colour in the corner
    assert (255, 255, 255, 255) in colour  # the white mark


def test_png_round_trip_and_corruption_detected():
    rows = [[(1, 2, 3, 4), (5, 6, 7, 8)], [(9, 10, 11, 12), (13, 14, 15, 16)]]
    data = encode_rgba(rows)
    assert decode_rgba(data) == rows
    broken = bytearray(data)
    broken[40] ^= 0xFF
    with pytest.raises(ValueError):
        decode_rgba(bytes(broken))


def test_cli_writes_the_package(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no .env from the repository
    out = tmp_path / "out" / "folja.zip"
    result = CliRunner().invoke(main, ["teams-package", "--out", str(out), "--version", "2.0.1",
                                       "--developer-name", "Malmö stad"], env=ENV)
    assert result.exit_code == 0, result.output
    files = unzip(out.read_bytes())
    manifest = json.loads(files["manifest.json"])
    assert_valid_manifest(manifest)
    assert sorted(files) == sorted(PACKAGE_FILES)
    assert manifest["version"] == "2.0.1" and manifest["bots"][0]["botId"] == BOT_ID
    assert manifest["developer"]["websiteUrl"] == "https://folja.malmo.se/"
    assert manifest["validDomains"] == ["folja.malmo.se"]


def test_cli_without_bot_id_says_what_to_set(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["teams-package", "--out", str(tmp_path / "x.zip")],
                                env={"MICROSOFT_APP_ID": "", "FOLJA_PUBLIC_HOST": "folja.malmo.se"})
    assert result.exit_code != 0
    assert "MICROSOFT_APP_ID" in result.output and "--bot-id" in result.output
    assert not (tmp_path / "x.zip").exists()


def test_cli_without_public_host_or_urls_refuses(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["teams-package", "--out", str(tmp_path / "x.zip"),
                                       "--bot-id", BOT_ID],
                                env={"MICROSOFT_APP_ID": "", "FOLJA_PUBLIC_HOST": ""})
    assert result.exit_code != 0 and "https://" in result.output
    assert not (tmp_path / "x.zip").exists()


def test_public_host_setting_is_a_bare_host_name():
    assert Settings.from_env({"FOLJA_PUBLIC_HOST": " Folja.Malmo.se "}).public_host == "folja.malmo.se"
    for bad in ("https://folja.malmo.se", "folja.malmo.se/api", "folja malmo"):
        with pytest.raises(SettingsError, match="FOLJA_PUBLIC_HOST"):
            Settings.from_env({"FOLJA_PUBLIC_HOST": bad})
