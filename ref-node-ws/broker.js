'use strict';
// core's BrokerFanOut on npm's nats (nats.js 2.x): broadcasts across replicas through a NATS server
// (BROKER_URL, BROKER_SUBJECT). A notification is published once; every replica hands what it receives on the
// subject to its own clients. The publishing replica delivers to its own clients directly and the connection is
// noEcho, so each client gets it exactly once. While the broker is down nothing is published: it is counted and
// answered "published":false.
//
// nats.js has no switch for its reconnect buffer (a publish while disconnected is queued and sent once the next
// dial succeeds), so publish() checks the connection first: nothing is handed to the client while it is down,
// and nothing arrives late. Its reconnectDelayHandler gets no attempt number, so the backoff counts dials itself.

const { connect, Events, DebugEvents } = require('nats');

/** core's: the first retry after 100 ms, doubling up to 5 s. */
const FIRST_RETRY_MS = 100;
const LONGEST_RETRY_MS = 5000;
/** As core's and Go's connection timeout. */
const CONNECT_TIMEOUT_MS = 2000;

class Broker {
  constructor(url, subject, hub) {
    this.url = url;
    this.subject = subject;
    this.hub = hub;
    this.conn = null;
    this.up = false;
    this.wasUp = false;
    this.closed = false;
    this.published = 0;
    this.received = 0;
    this.unpublished = 0;
    this.reconnects = 0;
    // the reconnect backoff: a new delay once the client has dialed with the last one
    this.retry = 0;
    this.dialed = false;
    this.wait = backoff(0);
  }

  /**
   * Connects in the background (the server serves its own clients without the broker, and the broker may start
   * after it) and hands every notification received to the hub. A first connect that fails is retried here;
   * nats.js retries a lost connection by itself, forever.
   */
  start() {
    // an unhandled rejection would end the process: the broker is optional, this replica's clients are not
    this.connectUntilUp().catch((e) => log(`broker: stopped (${e.message}); broadcasts stay on this replica`));
    return this;
  }

  async connectUntilUp() {
    for (let attempt = 0; !this.closed; attempt++) {
      let conn;
      try {
        conn = await connect({
          servers: this.url,
          name: `wsbench-${this.hub.replica}`,
          noEcho: true,
          reconnect: true,
          maxReconnectAttempts: -1,
          reconnectDelayHandler: () => this.reconnectDelay(),
          timeout: CONNECT_TIMEOUT_MS,
        });
      } catch (e) {
        if (attempt === 0) {
          log(`broker: ${this.url} not reachable (${e.message}); broadcasts stay on this replica, retrying`);
        }
        await sleep(backoff(attempt));
        continue;
      }
      if (this.closed) {
        conn.close().catch(() => {});
        return;
      }
      this.conn = conn;
      conn.subscribe(this.subject, {
        callback: (err, msg) => {
          if (err) return;
          this.received++;
          // invalid UTF-8 is replaced, as Java's decoder does
          this.hub.broadcast(Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength).toString());
        },
      });
      this.onUp(`connected to ${conn.getServer()}`, false);
      this.watch(conn).catch((e) => log(`broker: no more status events (${e.message})`));
      const err = await conn.closed();
      this.up = false;
      if (this.closed) return;
      // not with maxReconnectAttempts -1, unless the server refuses the client for good (authorization)
      log(`broker: connection to ${this.url} closed (${err ? err.message : 'no error'}); connecting again`);
    }
  }

  /** The connection's status events: up and down, and the dials the reconnect backoff counts. */
  async watch(conn) {
    for await (const s of conn.status()) {
      switch (s.type) {
        case Events.Disconnect:
          this.up = false;
          if (this.wasUp && !this.closed) {
            log(`broker: lost ${this.url}; broadcasts stay on this replica until it is back`);
          }
          this.wasUp = false;
          break;
        case Events.Reconnect:
          this.onUp(`reconnected to ${conn.getServer()}; broadcasts reach every replica again`, true);
          break;
        case DebugEvents.Reconnecting:
          this.dialed = true;
          break;
        default:
          // errors, server updates, lame duck: nothing this replica acts on
      }
    }
  }

  onUp(what, reconnect) {
    this.up = true;
    this.wasUp = true;
    // the next outage starts the backoff again (this dial's Reconnecting event came before)
    this.retry = 0;
    this.dialed = false;
    this.wait = backoff(0);
    if (reconnect) this.reconnects++;
    log(`broker: ${what}, subject ${this.subject}`);
  }

  /**
   * nats.js asks for the delay on every turn of its reconnect loop, also while it waits out the last one: the
   * same delay until it has dialed, then the next step of the backoff.
   */
  reconnectDelay() {
    if (this.dialed) {
      this.dialed = false;
      this.wait = backoff(this.retry++);
    }
    return this.wait;
  }

  isUp() {
    return this.up && this.conn !== null && !this.conn.isClosed();
  }

  /** Publishes text once for the other replicas, unless the broker is down (then it is counted). */
  publish(text) {
    if (this.isUp()) {
      try {
        this.conn.publish(this.subject, text);
        this.published++;
        return true;
      } catch (e) {
        // larger than the server's max_payload, or closed since the check
        log(`broker: not published (${e.message}); delivered on this replica only`);
      }
    }
    this.unpublished++;
    return false;
  }

  close() {
    this.closed = true;
    this.up = false;
    if (this.conn) this.conn.close().catch(() => {});
  }
}

/** core's backoff: 100 ms, 200 ms, 400 ms … up to 5 s, each with up to 20 % jitter. */
function backoff(attempt) {
  const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(attempt, 16));
  return base + Math.floor(Math.random() * (Math.floor(base / 5) + 1));
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function log(line) {
  console.log(`${new Date().toISOString()} ${line}`);
}

module.exports = { Broker };
