"""Which links of an uploaded file Följa opens: decided from the host name, before connecting."""

from __future__ import annotations

import pytest

from bot.downloads import download_allowed

ALWAYS = [
    "https://contoso.sharepoint.com/sites/x/_layouts/15/download.aspx?UniqueId=1&tempauth=t",
    "https://contoso-my.sharepoint.com/personal/a/_layouts/15/download.aspx?tempauth=t",
    "https://CONTOSO.SharePoint.com./x",
]
NEVER = [
    "http://contoso.sharepoint.com/x",            # not https
    "https://sharepoint.com.evil.example/x",      # allowed name as a prefix
    "https://evilsharepoint.com/x",               # allowed name as a suffix without a dot
    "https://user:pw@contoso.sharepoint.com/x",   # credentials in the link
    "https://evil.example/contoso.sharepoint.com/x",
    "https://evil.example\\@contoso.sharepoint.com/x",
    "https://20.190.128.1/x", "https://[2603:1036::1]/x",  # addresses, not names
    "file:///etc/passwd", "ftp://contoso.sharepoint.com/x", "", "not a url",
    "https://evil.localhost/x", "http://127.0.0.2:8080/x",
]
LOOPBACK = ["http://127.0.0.1:8080/f/plan.xlsx", "http://localhost:8080/f", "http://[::1]:81/f"]


@pytest.mark.parametrize("url", ALWAYS)
def test_sharepoint_links_are_opened(url):
    assert download_allowed(url, local=False) and download_allowed(url, local=True)


@pytest.mark.parametrize("url", NEVER)
def test_other_links_are_refused_in_both_modes(url):
    assert not download_allowed(url, local=False) and not download_allowed(url, local=True)


@pytest.mark.parametrize("url", LOOPBACK)
def test_loopback_only_in_local_mode(url):
    assert download_allowed(url, local=True) and not download_allowed(url, local=False)
