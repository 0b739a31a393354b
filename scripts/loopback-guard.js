// Följa's loopback guard for the Microsoft 365 Agents Playground.
//
// Loaded into the Playground's Node process with `node --require scripts/loopback-guard.js`
// (scripts/playground.sh does it). The Playground sets up Application Insights and asks the Azure
// metadata address for details at start, even with --disable-telemetry; a test or a demo must not
// send anything beyond this machine. So:
//   1. a TCP or TLS connection to any host that is not loopback fails at once, before any packet
//      or DNS look-up, with ECONNREFUSED, and is logged as "[loopback-guard] refused HOST:PORT";
//   2. a server that would listen on every interface listens on LOOPBACK_GUARD_BIND (127.0.0.1).
// tests/unit/test_loopback_guard.py checks both without any network.
"use strict";

const net = require("net");

const bindHost = process.env.LOOPBACK_GUARD_BIND || "127.0.0.1";

/** True for the names and addresses that stay on this machine (an empty host means localhost). */
function staysLocal(host) {
  if (host === undefined || host === null || host === "") return true;
  const name = String(host).trim().toLowerCase().replace(/^\[/, "").replace(/\]$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  if (name === "::1" || name === "0:0:0:0:0:0:0:1") return true;
  return /^127\.\d+\.\d+\.\d+$/.test(name) || /^::ffff:127\.\d+\.\d+\.\d+$/.test(name);
}

function say(text) {
  try {
    process.stderr.write(`[loopback-guard] ${text}\n`);
  } catch (_) {
    // stderr closed: nothing to tell.
  }
}

/** The host and port a Socket#connect call names, or null for a unix socket or pipe. */
function target(args) {
  let first = args[0];
  if (Array.isArray(first)) first = first[0]; // net.connect() passes normalised arguments
  if (first && typeof first === "object") {
    return first.path ? null : { host: first.host, port: first.port };
  }
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    return { host: typeof args[1] === "string" ? args[1] : undefined, port: first };
  }
  return null;
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function loopbackOnlyConnect(...args) {
  const to = target(args);
  if (to === null || staysLocal(to.host)) return connect.apply(this, args);
  say(`refused ${to.host}:${to.port}`);
  const error = new Error(`loopback-guard: ${to.host}:${to.port} is not on this machine`);
  error.code = "ECONNREFUSED";
  process.nextTick(() => this.destroy(error));
  return this;
};

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function loopbackListen(...args) {
  const first = args[0];
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    if (typeof args[1] !== "string") args.splice(1, 0, bindHost);
  } else if (first && typeof first === "object" && !Array.isArray(first)) {
    if (first.path === undefined && !first.host) args[0] = { ...first, host: bindHost };
  } else if (first === undefined || typeof first === "function") {
    args.unshift(0, bindHost);
  }
  return listen.apply(this, args);
};

say(`on: connections only to loopback, servers bound to ${bindHost}`);
