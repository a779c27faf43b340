'use strict';
// core's AdminServer (SPEC §3.3): GET /health, GET /metrics, POST /notify, on plain HTTP.
const http = require('http');
const { IMPL } = require('./config');
const { jsonMembers } = require('./hub');

function create(hub) {
  return http.createServer((req, res) => {
    const path = req.url.split('?')[0];
    const route = { '/health': 'GET', '/metrics': 'GET', '/notify': 'POST' }[path];
    if (!route) return respond(res, 404, 'text/plain', `not found: ${path}`);
    if (req.method !== route) {
      res.setHeader('Allow', route);
      return respond(res, 405, 'text/plain', `use ${route}`);
    }
    if (path === '/health') {
      const health = { status: 'UP', impl: IMPL, replica: hub.replica, connections: hub.count() };
      const broker = hub.broker;
      if (broker) {
        // 200 still with the broker down: this replica serves its own clients, as a Java replica does
        health.broker = { status: broker.isUp() ? 'UP' : 'DOWN', url: broker.url, subject: broker.subject };
      }
      return respond(res, 200, 'application/json', JSON.stringify(health));
    }
    if (path === '/metrics') {
      return respond(res, 200, 'text/plain; version=0.0.4; charset=utf-8', hub.metrics.text(hub.broker));
    }
    const body = [];
    req.on('data', (chunk) => body.push(chunk));
    req.on('end', () => {
      // invalid UTF-8 in the body is replaced, as Java's decoder does
      const delivery = hub.notify(Buffer.concat(body).toString('utf8'));
      respond(res, 202, 'application/json', `{${jsonMembers(delivery)}}`);
    });
  });
}

function respond(res, status, type, body) {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}

module.exports = { create };
