'use strict';
// wsbench's reference server on Node.js and the ws package: the same SPEC §3 behaviour, settings, admin port
// and metric names as the Java servers, so the bench can show it beside them as a reference row.
//   SERVER_IMPL=ref-node-ws WS_PORT=8000 ADMIN_PORT=8001 node server.js

const fs = require('fs');
const http = require('http');
const https = require('https');
const os = require('os');
const { WebSocketServer } = require('ws');
const { IMPL, parseConfig } = require('./config');
const { Metrics } = require('./metrics');
const { Hub } = require('./hub');
const { Connection } = require('./connection');
const admin = require('./admin');
const { Broker } = require('./broker');

/** How long shutdown waits for clients to answer the 1001 close, as core's NotificationServer. */
const CLOSE_GRACE_MS = 3000;
/** The listen backlog every Java adapter asks for (core's ServerConfig.ACCEPT_BACKLOG). */
const ACCEPT_BACKLOG = 4096;

function main() {
  let config;
  try {
    config = parseConfig(process.argv.slice(2), process.env);
  } catch (e) {
    console.error(`error: ${e.message}`);
    process.exit(2);
  }
  const library = `ws ${require('ws/package.json').version}, Node ${process.version}`;
  const metrics = new Metrics(IMPL, library);
  const hub = new Hub(metrics, replicaId());
  if (config.brokerUrl) {
    hub.broker = new Broker(config.brokerUrl, config.brokerSubject, hub).start();
  }

  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false, // the hub tracks connections
    maxPayload: config.readLimit,
    perMessageDeflate: config.compression && {
      zlibDeflateOptions: { level: config.compressionLevel },
      // ws leaves messages under 1 KiB uncompressed by default; the Java servers compress every message
      threshold: 0,
    },
  });
  const server = config.tlsCert
    ? https.createServer({ cert: fs.readFileSync(config.tlsCert), key: fs.readFileSync(config.tlsKey) })
    : http.createServer();
  // Upgrade only at exactly WS_PATH (SPEC §3.1): other paths 404, a plain GET there 426.
  server.on('request', (req, res) => {
    const atPath = pathOf(req) === config.path;
    res.writeHead(atPath ? 426 : 404, atPath ? { Upgrade: 'websocket', 'Sec-WebSocket-Version': '13' } : {});
    res.end(atPath ? 'WebSocket endpoint: send an Upgrade: websocket request\n' : `not found: ${pathOf(req)}`);
  });
  server.on('upgrade', (req, socket, head) => {
    if (pathOf(req) !== config.path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      new Connection(ws, `${req.socket.remoteAddress}:${req.socket.remotePort}`, hub, config).start();
    });
  });
  server.on('clientError', (err, socket) => socket.destroy());

  const adminServer = admin.create(hub);
  const fail = (err) => {
    console.error(`error: ${err.message}`);
    process.exit(1);
  };
  server.once('error', fail);
  adminServer.once('error', fail);
  server.listen({ host: config.host, port: config.port, backlog: ACCEPT_BACKLOG }, () => {
    adminServer.listen({ host: config.host, port: config.adminPort }, () => {
      const scheme = config.tlsCert ? 'wss' : 'ws';
      log(`${IMPL} (${library}) listening on ${scheme}://${config.host}:${server.address().port}${config.path} ,`
        + ` admin http://${config.host}:${adminServer.address().port}/metrics`);
    });
  });

  const shutdown = () => {
    log('shutting down: closing clients with 1001');
    server.close();
    adminServer.close();
    if (hub.broker) hub.broker.close();
    hub.closeAll(1001, 'server shutdown');
    const deadline = Date.now() + CLOSE_GRACE_MS;
    const wait = setInterval(() => {
      if (hub.count() === 0 || Date.now() >= deadline) {
        clearInterval(wait);
        if (hub.count() > 0) log(`${hub.count()} connection(s) did not finish the close handshake; dropping them`);
        process.exit(0);
      }
    }, 10);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

function pathOf(req) {
  const q = req.url.indexOf('?');
  return q < 0 ? req.url : req.url.slice(0, q);
}

/** core's ReplicaId: REPLICA_ID, else HOSTNAME, else the host name. */
function replicaId() {
  for (const name of ['REPLICA_ID', 'HOSTNAME']) {
    const v = (process.env[name] || '').trim();
    if (v) return v;
  }
  return os.hostname() || 'unknown';
}

function log(line) {
  console.log(`${new Date().toISOString()} ${line}`);
}

main();
