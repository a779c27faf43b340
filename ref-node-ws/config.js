'use strict';
// The SPEC §3 settings, read like core's ServerOptions: a flag (--ping-period 1s or --ping-period=1s) wins over
// its env var (PING_PERIOD), which wins over the SPEC default.

const IMPL = 'ref-node-ws';

const SETTINGS = [
  ['impl', 'SERVER_IMPL', IMPL],
  ['ws-host', 'WS_HOST', '127.0.0.1'],
  ['ws-port', 'WS_PORT', '8000'],
  ['ws-path', 'WS_PATH', '/ws-notifications'],
  ['admin-port', 'ADMIN_PORT', '8001'],
  ['ping-period', 'PING_PERIOD', '30s'],
  ['pong-wait', 'PONG_WAIT', '60s'],
  ['write-wait', 'WRITE_WAIT', '15s'],
  ['read-limit', 'READ_LIMIT', '65536'],
  ['max-queued-bytes', 'MAX_QUEUED_BYTES', '1048576'],
  ['compression', 'COMPRESSION', 'off'],
  ['compression-level', 'COMPRESSION_LEVEL', '6'],
  ['tls-cert', 'TLS_CERT', ''],
  ['tls-key', 'TLS_KEY', ''],
  ['broker-url', 'BROKER_URL', ''],
  ['broker-subject', 'BROKER_SUBJECT', 'wsbench.notifications'],
];

function parseConfig(args, env) {
  const text = {};
  for (const [flag, name, def] of SETTINGS) {
    const fromEnv = (env[name] || '').trim();
    text[flag] = fromEnv !== '' ? fromEnv : def;
  }
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    if (!m || !(m[1] in text)) {
      throw new Error(`unknown option '${args[i]}'; known: ${SETTINGS.map((s) => '--' + s[0]).join(' ')}`);
    }
    text[m[1]] = (m[2] !== undefined ? m[2] : args[++i] || '').trim();
  }

  if (text.impl !== IMPL) {
    throw new Error(`this server is ${IMPL}; SERVER_IMPL=${text.impl} belongs to the Java server (wsbench-server.jar)`);
  }
  if (!text['ws-path'].startsWith('/')) throw new Error(`WS_PATH must start with '/': ${text['ws-path']}`);
  const compression = { on: true, true: true, 1: true, off: false, false: false, 0: false }[text.compression.toLowerCase()];
  if (compression === undefined) throw new Error(`COMPRESSION must be off or on, got '${text.compression}'`);
  const level = Number(text['compression-level']);
  if (!Number.isInteger(level) || level < 1 || level > 9) {
    throw new Error(`COMPRESSION_LEVEL must be 1..9: ${text['compression-level']}`);
  }
  if ((text['tls-cert'] === '') !== (text['tls-key'] === '')) throw new Error('TLS_CERT and TLS_KEY must be given together');
  const pongWait = duration('PONG_WAIT', text['pong-wait']);
  const writeWait = duration('WRITE_WAIT', text['write-wait']);
  if (pongWait <= 0) throw new Error(`PONG_WAIT must be a positive duration: ${text['pong-wait']}`);
  if (writeWait <= 0) throw new Error(`WRITE_WAIT must be a positive duration: ${text['write-wait']}`);
  return {
    impl: IMPL,
    host: text['ws-host'],
    port: port('WS_PORT', text['ws-port']),
    path: text['ws-path'],
    adminPort: port('ADMIN_PORT', text['admin-port']),
    pingPeriodMs: duration('PING_PERIOD', text['ping-period']),
    pongWaitMs: pongWait,
    writeWaitMs: writeWait,
    readLimit: size('READ_LIMIT', text['read-limit']),
    maxQueuedBytes: size('MAX_QUEUED_BYTES', text['max-queued-bytes']),
    compression,
    compressionLevel: level,
    tlsCert: text['tls-cert'],
    tlsKey: text['tls-key'],
    brokerUrl: text['broker-url'],
    brokerSubject: text['broker-subject'],
  };
}

/** core's durations in milliseconds: 200ms, 30s, 1m, 2h; a bare number is seconds. */
function duration(name, text) {
  const m = /^(\d+)\s*(ms|s|m|h)?$/.exec(text.toLowerCase());
  if (!m) throw new Error(`${name}: '${text}' is not a duration (examples: 200ms, 30s, 1m)`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60000, h: 3600000 }[m[2] || 's'];
}

/** core's byte sizes: 65536, 64k, 1m, 10MiB (binary units). */
function size(name, text) {
  const m = /^(\d+)\s*(k|kb|kib|m|mb|mib|g|gb|gib)?$/.exec(text.toLowerCase());
  if (!m) throw new Error(`${name}: '${text}' is not a byte size (examples: 65536, 64k, 1m)`);
  const n = Number(m[1]) * (m[2] ? { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2][0]] : 1);
  if (n <= 0) throw new Error(`${name} must be > 0 bytes: ${text}`);
  return n;
}

function port(name, text) {
  const p = Number(text);
  if (!/^\d+$/.test(text) || p > 65535) throw new Error(`${name} must be 0..65535: ${text}`);
  return p;
}

module.exports = { IMPL, parseConfig };
