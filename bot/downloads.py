"""Fetching a file someone shared with Följa in Teams, without trusting the link.

A Teams file arrives as `content.downloadUrl`: a pre-authorised link whose query string is the
credential. The link comes from the activity, so anyone who can post an activity chooses it.
Hence: only https, only to hosts on an allowlist matched by host NAME before any connection
(SharePoint, where Teams and OneDrive for Business keep files), no redirect to another host, a
size cap while streaming, and the link never in a log. Without an app id (local mode, loopback
only) http to the loopback names is allowed too, for the emulator and tests.

The SDK's `OutboundHostValidator` checks hosts the same way, but its default list is wider
(blob storage, CDNs), it refuses loopback even in local mode, and it caches every URL it has
checked — with its token — for the life of the process. So one small function here instead.
"""

from __future__ import annotations

import ipaddress

import aiohttp
from yarl import URL

# SharePoint Online; OneDrive for Business lives on its "-my" hosts (contoso-my.sharepoint.com).
ALLOWED_HOSTS: tuple[str, ...] = ("sharepoint.com",)
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
MAX_REDIRECTS = 3
_TIMEOUT = aiohttp.ClientTimeout(total=60)


class TooLarge(Exception):
    """The file is larger than the cap."""


class Refused(Exception):
    """The link points somewhere Följa does not fetch from (host, scheme or redirect)."""


def download_allowed(url: URL | str, *, local: bool, hosts: tuple[str, ...] = ALLOWED_HOSTS) -> bool:
    """May Följa open this link? Decided from the text alone, before any connection."""
    try:
        link = URL(url) if isinstance(url, str) else url
        host = (link.host or "").rstrip(".").casefold()
    except ValueError:  # not a URL yarl (and so aiohttp) would open
        return False
    if not host or link.user is not None or link.password is not None:
        return False
    if local and host in LOOPBACK_NAMES and link.scheme in ("http", "https"):
        return True
    if link.scheme != "https" or _is_address(host):
        return False
    return any(host == name or host.endswith("." + name) for name in hosts)


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


async def fetch(url: str, *, local: bool, max_bytes: int) -> bytes:
    """The file's bytes; Refused, TooLarge, or aiohttp's errors (whose text holds the link:
    callers log only the error's type)."""
    if not download_allowed(url, local=local):
        raise Refused()
    link = URL(url)
    async with aiohttp.ClientSession(timeout=_TIMEOUT) as session:
        for _ in range(MAX_REDIRECTS + 1):
            if not download_allowed(link, local=local):
                raise Refused()
            async with session.get(link, allow_redirects=False) as response:
                if response.status in (301, 302, 303, 307, 308):
                    target = link.join(URL(response.headers.get("Location", "")))
                    if target.host != link.host:  # never to another host
                        raise Refused()
                    link = target
                    continue
                response.raise_for_status()
                return await _read_capped(response, max_bytes)
    raise Refused()


async def _read_capped(response: aiohttp.ClientResponse, max_bytes: int) -> bytes:
    if (response.content_length or 0) > max_bytes:
        raise TooLarge()
    data = bytearray()
    async for chunk in response.content.iter_chunked(65536):
        data.extend(chunk)
        if len(data) > max_bytes:
            raise TooLarge()
    return bytes(data)
