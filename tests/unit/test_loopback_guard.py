"""The Playground's loopback guard (scripts/loopback-guard.js) refuses every connection that would
leave the machine and binds servers to loopback.

The probe replaces Node's real connect and listen with recorders *before* loading the guard, so
the test itself never opens a connection: a guard that let a foreign host through would show up as
a recorded call, not as traffic.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

GUARD = Path(__file__).resolve().parents[2] / "scripts" / "loopback-guard.js"

PROBE = r"""
const net = require("net");
const connects = [];
net.Socket.prototype.connect = function (...args) { connects.push(args); return this; };
const listens = [];
net.Server.prototype.listen = function (...args) { listens.push(args); return this; };
require(process.argv[2]);
const refused = {};
for (const host of JSON.parse(process.argv[3])) {
  const socket = new net.Socket();
  socket.on("error", (e) => { refused[host] = e.code; });
  socket.connect({ host, port: 443 });
}
for (const host of JSON.parse(process.argv[4])) new net.Socket().connect({ host, port: 9 });
new net.Server().listen(8080);
new net.Server().listen({ port: 8081 });
new net.Server().listen({ port: 8082, host: "127.0.0.2" });
setTimeout(() => console.log(JSON.stringify({
  refused,
  passed: connects.map((a) => a[0].host),
  listens: listens.map((a) => (typeof a[0] === "object" ? a[0].host : a[1])),
})), 50);
"""

FOREIGN = ["192.0.2.1", "dc.services.visualstudio.com", "169.254.169.254", "10.0.0.1", "::ffff:10.0.0.1"]
LOCAL = ["127.0.0.1", "localhost", "::1", "[::1]", "127.8.9.10"]


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (apt-get install nodejs)")
    script = tmp_path_factory.mktemp("guard") / "probe.js"
    script.write_text(PROBE)
    done = subprocess.run(
        [node, str(script), str(GUARD), json.dumps(FOREIGN), json.dumps(LOCAL)],
        capture_output=True, text=True, timeout=30, check=True)
    return {"out": json.loads(done.stdout), "log": done.stderr}


def test_foreign_hosts_are_refused_before_any_connection(probe: dict) -> None:
    assert probe["out"]["refused"] == {host: "ECONNREFUSED" for host in FOREIGN}
    assert not set(FOREIGN) & set(probe["out"]["passed"])
    for host in FOREIGN:
        assert f"refused {host}:443" in probe["log"]


def test_loopback_connections_go_through(probe: dict) -> None:
    assert probe["out"]["passed"] == LOCAL


def test_servers_listen_on_loopback_unless_told_otherwise(probe: dict) -> None:
    assert probe["out"]["listens"] == ["127.0.0.1", "127.0.0.1", "127.0.0.2"]
