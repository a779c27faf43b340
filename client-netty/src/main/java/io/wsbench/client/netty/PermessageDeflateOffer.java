package io.wsbench.client.netty;

import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;

/**
 * Offers a bare {@code permessage-deflate}, as a browser does, and accepts every answer RFC 7692 allows.
 * Netty's handshaker alone either fails the handshake on a server's unasked {@code client_no_context_takeover}
 * (RFC 7692 §7.1.1.2 permits it) or, to accept one, puts that parameter into the offer, and then every server
 * under test (Netty, Jetty, Undertow, Java-WebSocket) takes it up: the client would deflate each message from a
 * cold start, unlike a browser. Both halves are Netty's own handshaker; this only pairs them.
 *
 * <p>Without context takeover the offer asks for {@code server_no_context_takeover} and
 * {@code client_no_context_takeover}, and a server that does not grant {@code server_no_context_takeover} fails
 * the handshake (Netty's handshaker refuses the answer), so a connection that opens is one that resets both
 * deflate windows after every message.
 */
final class PermessageDeflateOffer implements WebSocketClientExtensionHandshaker {
    private static final int LEVEL = 6; // zlib's and Netty's default; ClientOptions has no level
    private static final int MAX_WINDOW_BITS = 15;

    private final PerMessageDeflateClientExtensionHandshaker offer;
    private final PerMessageDeflateClientExtensionHandshaker accept;

    /**
     * @param maxMessage      the most bytes one message may inflate to
     * @param contextTakeover false: ask both sides to reset their window after every message
     */
    PermessageDeflateOffer(int maxMessage, boolean contextTakeover) {
        // client_max_window_bits only with JZlib: the JDK's Deflater has a fixed 15-bit window (Netty's default)
        boolean clientWindow = ZlibCodecFactory.isSupportingWindowSizeAndMemLevel();
        this.offer = new PerMessageDeflateClientExtensionHandshaker(
                LEVEL, clientWindow, MAX_WINDOW_BITS, !contextTakeover, !contextTakeover, maxMessage);
        this.accept = new PerMessageDeflateClientExtensionHandshaker(
                LEVEL, clientWindow, MAX_WINDOW_BITS, true, !contextTakeover, maxMessage);
    }

    @Override
    public WebSocketExtensionData newRequestData() {
        return offer.newRequestData();
    }

    @Override
    public WebSocketClientExtension handshakeExtension(WebSocketExtensionData extensionData) {
        return accept.handshakeExtension(extensionData);
    }
}
