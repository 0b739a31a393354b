"""The Teams app package (manifest.json + two icons in a zip), built from settings.

Pure: no I/O beyond reading the manifest template in appPackage/; the CLI writes the file.
"""

from teams_app.manifest import ManifestError, ManifestOptions, build_manifest
from teams_app.package import PACKAGE_FILES, build_package

__all__ = ["PACKAGE_FILES", "ManifestError", "ManifestOptions", "build_manifest", "build_package"]
