'use strict';
// One WebSocket connection: ws's events go to the Hub, the hub's sends come back here.
//
// ws does the framing, reassembly, READ_LIMIT (maxPayload, also on the inflated message: 1009), UTF-8 (1007),
// protocol checks (1002), permessage-deflate at a level (zlibDeflateOptions) and answers pings. What it lacks
// is added here, as small as possible:
//  - server pings and the PONG_WAIT deadline: ws has ws.ping() and a 'pong' event but no timer;
//  - WRITE_WAIT: ws has no write deadline, only a callback per send once the data is written to the socket,
//    so the oldest unwritten send is timed;
//  - MAX_QUEUED_BYTES: ws's queue is unbounded; ws.bufferedAmount says how much of it is unsent.

/** How long a close frame gets to leave before the TCP connection is dropped. */
const TERMINATE_AFTER_CLOSE_MS = 100;

/**
 * The close code ws sent for one of its receiver errors (it keeps the code on a private symbol): by the error's
 * code, zlib's (Z_DATA_ERROR, ...) for a corrupt deflate stream; every other WS_ERR_ is a protocol error.
 */
function closeCodeOf(err) {
  switch (err.code) {
    case 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH':
    case 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH':
      return 1009;
    case 'WS_ERR_INVALID_UTF8':
      return 1007;
    case 'WS_ERR_TOO_MANY_BUFFERED_PARTS':
      return 1008;
    default:
      return typeof err.code === 'string' && err.code.startsWith('Z_') ? 1007 : 1002;
  }
}

class Connection {
  constructor(ws, remote, hub, config) {
    this.ws = ws;
    this.remote = remote;
    this.hub = hub;
    this.config = config;
    this.code = 0; // the close code the server chose (1001 no pong, 1009, ...), 0 until it chooses one
    this.lastSeen = Date.now();
    this.unwritten = []; // start times of sends ws has not yet written to the socket, oldest first
    this.writeTimer = null;
    this.pingTimer = null;
    this.deadlineTimer = null;
    this.slow = false;
  }

  start() {
    const ws = this.ws;
    const seen = () => { this.lastSeen = Date.now(); };
    ws.on('ping', seen); // ws answers the pong itself
    ws.on('pong', seen);
    ws.on('message', (data, isBinary) => {
      seen();
      if (isBinary) this.hub.onBinary(this, data);
      else this.hub.onText(this, data.toString('utf8'));
    });
    ws.on('error', (err) => {
      // ws has sent the close frame for it already; remember the code for the metrics and, as the Java
      // servers do for every code but 1000, end the connection without waiting for the answer (ws would wait
      // up to 30 s while ignoring what the peer sends)
      if (this.code === 0) this.code = closeCodeOf(err);
      this.terminateSoon();
    });
    ws.on('close', (code) => {
      this.stopTimers();
      this.hub.closed(this, this.code || code);
    });
    if (this.config.pingPeriodMs > 0) {
      this.pingTimer = setInterval(() => ws.ping(), this.config.pingPeriodMs);
    }
    this.deadlineTimer = setTimeout(() => this.checkDeadline(), this.config.pongWaitMs);
    this.hub.opened(this);
  }

  /** One pending check, re-armed for when the deadline would pass, as core's Heartbeat. */
  checkDeadline() {
    const left = this.lastSeen + this.config.pongWaitMs - Date.now();
    if (left > 0) {
      this.deadlineTimer = setTimeout(() => this.checkDeadline(), left);
      return;
    }
    console.log(`${new Date().toISOString()} closing ${this.remote}: no frame within PONG_WAIT`);
    this.closeNow(1001, 'no pong');
  }

  /** The hub's sends, text or binary. */
  send(data, binary) {
    const ws = this.ws;
    if (ws.readyState !== ws.OPEN || this.slow) return;
    const bytes = binary ? data.length : Buffer.byteLength(data);
    if (ws.bufferedAmount + bytes > this.config.maxQueuedBytes) {
      this.abortSlowConsumer('more than MAX_QUEUED_BYTES unsent');
      return;
    }
    this.unwritten.push(Date.now());
    if (this.writeTimer === null) this.armWriteTimer(this.config.writeWaitMs);
    ws.send(data, { binary }, () => this.unwritten.shift());
  }

  armWriteTimer(ms) {
    this.writeTimer = setTimeout(() => this.checkWrites(), ms);
  }

  /** WRITE_WAIT: the oldest send still unwritten must not be older than that. */
  checkWrites() {
    this.writeTimer = null;
    if (this.unwritten.length === 0) return;
    const age = Date.now() - this.unwritten[0];
    if (age >= this.config.writeWaitMs) {
      this.abortSlowConsumer('a send took longer than WRITE_WAIT');
    } else {
      this.armWriteTimer(this.config.writeWaitMs - age);
    }
  }

  /** Starts the closing handshake (server shutdown); the peer's answer ends it. */
  close(code, reason) {
    if (this.code === 0) this.code = code;
    this.ws.close(code, reason);
  }

  /** A close frame, then the TCP connection dropped without waiting for the answer (a dead peer). */
  closeNow(code, reason) {
    this.close(code, reason);
    this.terminateSoon();
  }

  /**
   * Drops TCP shortly after a close frame was handed to ws: not at once, because ws queues even a close frame
   * behind a message it is still deflating.
   */
  terminateSoon() {
    setTimeout(() => this.ws.terminate(), TERMINATE_AFTER_CLOSE_MS);
  }

  /**
   * Counts the slow consumer once and drops TCP without a closing handshake: a close frame would queue behind
   * the data the peer does not read (core's QueuedBytes does the same).
   */
  abortSlowConsumer(why) {
    if (this.slow) return;
    this.slow = true;
    this.hub.metrics.slowConsumers++;
    if (this.code === 0) this.code = 1006;
    console.log(`${new Date().toISOString()} closing slow consumer ${this.remote}: ${why}`);
    this.ws.terminate();
  }

  stopTimers() {
    clearInterval(this.pingTimer);
    clearTimeout(this.deadlineTimer);
    clearTimeout(this.writeTimer);
  }
}

module.exports = { Connection };
