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

/** ws's error codes for the close codes it sends (its own status codes are on a private symbol). */
const CLOSE_CODE_OF_ERROR = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 1009,
  WS_ERR_INVALID_UTF8: 1007,
};

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
      // ws has sent the close frame for it already; remember the code for the metrics
      if (this.code === 0) this.code = CLOSE_CODE_OF_ERROR[err.code] || 1002;
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
    this.ws.terminate();
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
