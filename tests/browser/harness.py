"""The real-client harness: the bot as `folja serve`, the Agents Playground through
scripts/playground.sh, and headless Debian Chromium driven by Playwright, all on 127.0.0.1.

Nothing leaves loopback: the Playground runs with the project's scripts/loopback-guard.js preloaded
(the script does that), and the browser aborts every request to another host.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
PLAYGROUND_DIR = ROOT / "var" / "playground"
PLAYGROUND_CLI = PLAYGROUND_DIR / "node_modules" / "@microsoft" / "m365agentsplayground" / "cli.js"
GUARD = ROOT / "scripts" / "loopback-guard.js"
CHROMIUM = Path(shutil.which(os.environ.get("FOLJA_CHROMIUM", "chromium")) or "chromium")
EMOJI_FONT = Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf")  # Debian's package
ARTIFACTS = ROOT / "test-artifacts" / "playground"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def missing_requirements() -> list[str]:
    """What this machine lacks for the browser test (empty when it can run)."""
    missing = []
    if shutil.which("node") is None:
        missing.append("node (apt-get install nodejs)")
    if not PLAYGROUND_CLI.is_file():
        missing.append("the Playground (bash scripts/playground_install.sh)")
    if not GUARD.is_file():
        missing.append(f"the loopback guard {GUARD}")
    if not EMOJI_FONT.is_file():
        missing.append("an emoji font, so screenshots show the status marks (apt-get install "
                       "fonts-noto-color-emoji)")
    if not CHROMIUM.is_file():
        missing.append("chromium on PATH (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package (make install)")
    return missing


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, deadline_s: float, proc: subprocess.Popen) -> None:
    """Poll until `url` answers 200; fail early if the process died."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"process for {url} exited with {proc.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {deadline_s}s")


def is_loopback(url: str) -> bool:
    if url.startswith(("data:", "blob:", "about:")):
        return True
    return (urlparse(url).hostname or "") in LOOPBACK


@dataclass
class Processes:
    """The bot and the Playground, each in its own process group, stopped by their ids."""

    workdir: Path
    bot_port: int = field(default_factory=free_port)
    playground_port: int = field(default_factory=free_port)
    started: list[subprocess.Popen] = field(default_factory=list)

    @property
    def playground_url(self) -> str:
        return f"http://127.0.0.1:{self.playground_port}/"

    def bot_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=f"sqlite+aiosqlite:///{self.workdir / 'folja.db'}",
            MICROSOFT_APP_ID="", MICROSOFT_APP_PASSWORD="", MICROSOFT_APP_TENANT_ID="",
            FOLJA_HOST="127.0.0.1", FOLJA_ALLOWED_TENANTS="", LOG_LEVEL="INFO",
        )
        return env

    def folja(self, *args: str) -> None:
        """A `folja` subcommand against the test database (migrations, seeding)."""
        subprocess.run([str(ROOT / ".venv" / "bin" / "folja"), *args], env=self.bot_env(),
                       cwd=self.workdir, check=True, capture_output=True, timeout=120)

    def _spawn(self, args: list[str], log_name: str, env: dict[str, str]) -> subprocess.Popen:
        log = (ARTIFACTS / log_name).open("w")
        proc = subprocess.Popen(args, cwd=self.workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        self.started.append(proc)
        return proc

    def start_bot(self) -> None:
        proc = self._spawn([str(ROOT / ".venv" / "bin" / "folja"), "serve", "--port",
                            str(self.bot_port)], "bot.log", self.bot_env())
        wait_http(f"http://127.0.0.1:{self.bot_port}/healthz", 60, proc)

    def start_playground(self) -> None:
        env = dict(os.environ, FOLJA_LOOPBACK_GUARD=str(GUARD))
        proc = self._spawn(["bash", str(ROOT / "scripts" / "playground.sh"), str(PLAYGROUND_DIR),
                            str(self.bot_port), str(self.playground_port)], "playground.log", env)
        wait_http(self.playground_url, 60, proc)

    def stop(self) -> None:
        for proc in reversed(self.started):
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=10)
