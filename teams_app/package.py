"""The zip Teams installs: exactly manifest.json, color.png and outline.png at the root."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from teams_app.icons import color_icon, outline_icon

PACKAGE_FILES = ("manifest.json", "color.png", "outline.png")
# A fixed timestamp: the same inputs give the same bytes (the package can be compared and signed).
_FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def build_package(manifest: dict[str, Any]) -> bytes:
    """The zip's bytes; the icon names come from the manifest, which must use the usual two."""
    if manifest["icons"] != {"color": "color.png", "outline": "outline.png"}:
        raise ValueError("the manifest must name color.png and outline.png as its icons")
    files = {
        "manifest.json": json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"),
        "color.png": color_icon(manifest["accentColor"]),
        "outline.png": outline_icon(),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in PACKAGE_FILES:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()
