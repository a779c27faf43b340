'use strict';
// core's Hub in JavaScript: the one application logic (SPEC §3.2), with the same wire format.
//   {"type":"echo","payload":P}      → the same text back
//   {"type":"broadcast","payload":P} → {"type":"broadcast","payload":P} to every client, then
//                                      {"type":"broadcastResult","payload":P} to the sender
//   {"type":"whoami"}                → {"type":"whoami","payload":{"replica":R}}
//   any other text → echoed unchanged; binary → echoed as binary
// With a broker (broker.js) a broadcast and POST /notify also reach the other replicas' clients, and
// broadcastResult says so: {"type":"broadcastResult","payload":P,"delivered":N,"published":true}.

class Hub {
  constructor(metrics, replica) {
    this.metrics = metrics;
    this.replica = replica;
    this.connections = new Set();
    this.broker = null; // no BROKER_URL: broadcasts stay on this replica
  }

  opened(connection) {
    this.connections.add(connection);
    this.metrics.connectionOpened();
  }

  /** Counts the connection's end once, with the close code that ended it (1006: no close frame). */
  closed(connection, code) {
    if (this.connections.delete(connection)) {
      this.metrics.connectionClosed(code);
    }
  }

  count() {
    return this.connections.size;
  }

  onText(from, text) {
    this.metrics.received(Buffer.byteLength(text));
    const command = parseCommand(text);
    if (command && command.type === 'broadcast') {
      const delivery = this.notify(envelope('broadcast', command.payload));
      this.send(from, broadcastResult(command.payload, delivery));
    } else if (command && command.type === 'whoami') {
      this.send(from, envelope('whoami', { replica: this.replica }));
    } else {
      // "echo" and everything that is not a command: the text goes back unchanged
      this.send(from, text);
    }
  }

  onBinary(from, data) {
    this.metrics.received(data.length);
    from.send(data, true);
    this.metrics.sent(1, data.length);
  }

  /**
   * A notification for every client of every replica (a broadcast command and POST /notify): published through
   * the broker when there is one, and sent to this replica's clients. "published" is undefined without a broker.
   */
  notify(text) {
    const published = this.broker ? this.broker.publish(text) : undefined;
    return { delivered: this.broadcast(text), published };
  }

  /** Sends text to every client; returns how many it was handed to (POST /notify's "delivered"). */
  broadcast(text) {
    const bytes = Buffer.byteLength(text);
    let count = 0;
    for (const c of this.connections) {
      c.send(text, false);
      count++;
    }
    this.metrics.sent(count, bytes * count);
    return count;
  }

  /** Starts the closing handshake on every connection (server shutdown: 1001). */
  closeAll(code, reason) {
    for (const c of this.connections) c.close(code, reason);
  }

  send(to, text) {
    to.send(text, false);
    this.metrics.sent(1, Buffer.byteLength(text));
  }
}

/** A JSON object with a textual "type", as core's Hub.command; anything else is null and echoed. */
function parseCommand(text) {
  if (text.length === 0 || text[0] !== '{' || !text.includes('"type"')) return null;
  try {
    const node = JSON.parse(text);
    return node !== null && typeof node === 'object' && !Array.isArray(node) && typeof node.type === 'string'
      ? node : null;
  } catch (e) {
    return null;
  }
}

/** core's Delivery.jsonMembers: "delivered":N, plus "published":true|false when a broker is set. */
function jsonMembers(delivery) {
  const members = `"delivered":${delivery.delivered}`;
  return delivery.published === undefined ? members : `${members},"published":${delivery.published}`;
}

/** core's: the envelope, plus what was delivered here and published when a broker is set. */
function broadcastResult(payload, delivery) {
  const result = envelope('broadcastResult', payload);
  return delivery.published === undefined ? result : `${result.slice(0, -1)},${jsonMembers(delivery)}}`;
}

/** {"type":T,"payload":P}; a missing payload is null, as in core. */
function envelope(type, payload) {
  return JSON.stringify({ type, payload: payload === undefined ? null : payload });
}

module.exports = { Hub, jsonMembers };
