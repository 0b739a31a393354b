"""bot/service_urls.py: which serviceUrls Följa accepts and writes to, with an app id."""

from __future__ import annotations

import pytest
from microsoft_agents.hosting.core import ClaimsIdentity
from microsoft_agents.hosting.core.security import outbound_host_validator as sdk_hosts

from bot.service_urls import BOT_CONNECTOR_HOSTS, host_validator, inbound_problem, same_url
from config import Settings

SECURED = Settings(app_id="id", app_password="pw", tenant_id="t")


def test_the_bot_connector_hosts_are_the_sdks_own():
    assert set(BOT_CONNECTOR_HOSTS) <= set(sdk_hosts._DEFAULT_MICROSOFT_HOSTS)


@pytest.mark.parametrize("url", [
    "https://smba.trafficmanager.net/emea/", "https://smba.trafficmanager.net/amer/t/",
    "https://smba.infra.gcc.teams.microsoft.com/gcc/", "https://smba.infra.gov.teams.microsoft.us/",
    "https://europe.webchat.botframework.com/",
])
def test_teams_service_urls_are_allowed(url):
    assert host_validator(SECURED).is_allowed(url)


@pytest.mark.parametrize("url", [
    "https://folja-test.invalid/", "http://smba.trafficmanager.net/emea/",
    "https://smba.trafficmanager.net.evil.example/", "https://user:pw@smba.trafficmanager.net/",
    "https://anyone.blob.core.windows.net/x/", "https://kommun.sharepoint.com/",
    "https://graph.microsoft.com/v1.0/", "https://127.0.0.1/", "https://10.0.0.5/",
    "https://evilteams.microsoft.com.example/",
])
def test_other_hosts_are_refused(url):
    assert not host_validator(SECURED).is_allowed(url)


def test_other_clouds_are_a_setting():
    url = "https://smba.chinacloudapi.cn/"
    assert not host_validator(SECURED).is_allowed(url)
    assert host_validator(SECURED.with_(service_hosts=("smba.chinacloudapi.cn",))).is_allowed(url)


def test_local_mode_checks_no_host():
    validator = host_validator(Settings())
    assert not validator.enabled and validator.is_allowed("http://127.0.0.1:3978/")
    assert inbound_problem(None, "http://127.0.0.1:1/", validator) is None


@pytest.mark.parametrize(("claimed", "actual", "same"), [
    ("https://smba.trafficmanager.net/emea/", "https://smba.trafficmanager.net/emea/", True),
    ("https://smba.trafficmanager.net/emea/", "https://SMBA.trafficmanager.net/emea", True),
    ("https://smba.trafficmanager.net/emea/", "https://smba.trafficmanager.net/amer/", False),
    ("https://smba.trafficmanager.net/emea/", "https://smba.trafficmanager.net:8443/emea/", False),
    ("https://smba.trafficmanager.net/emea/", "http://smba.trafficmanager.net/emea/", False),
    ("not a url", "https://smba.trafficmanager.net/emea/", False),
])
def test_same_url(claimed, actual, same):
    assert same_url(claimed, actual) is same


def test_the_claim_must_match_and_be_present():
    validator, url = host_validator(SECURED), "https://smba.trafficmanager.net/emea/"
    assert inbound_problem(ClaimsIdentity({"serviceurl": url}, True), url, validator) is None
    assert inbound_problem(ClaimsIdentity({}, True), url, validator)
    assert inbound_problem(ClaimsIdentity({"serviceurl": url + "x/"}, True), url, validator)
    assert inbound_problem(None, url, validator)
