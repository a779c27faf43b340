package io.wsbench.impl.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.timeout.WriteTimeoutHandler;
import io.wsbench.core.Hub;
import io.wsbench.core.ServerConfig;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one connection, read top to bottom as the list of what the server does (SPEC §3). The
 * WebSocket decoder and encoder are put in place of the HTTP codec by the handshake; the deflate codec, when
 * negotiated, right after the extension handler.
 */
final class WebSocketServerInitializer extends ChannelInitializer<SocketChannel> {
    /** The upgrade request has no body; anything larger is not a WebSocket handshake. */
    private static final int MAX_HANDSHAKE_BODY = 8192;
    private static final int MAX_WINDOW_BITS = 15;
    /** The reader-idle handler at the bottom: PONG_WAIT, until a failed connection swaps it (NettyConnection). */
    static final String PONG_WAIT = "pongWait";

    private final ServerConfig config;
    private final Hub hub;
    private final SslContext tls;
    private final WebSocketServerProtocolConfig protocol;

    WebSocketServerInitializer(ServerConfig config, Hub hub, SslContext tls) {
        this.config = config;
        this.hub = hub;
        this.tls = tls;
        this.protocol = protocolConfig(config);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            p.addLast("tls", tls.newHandler(ch.alloc()));
        }
        // PONG_WAIT: Netty has no server heartbeat. Here, below the WebSocket decoder, every inbound byte is a
        // read, so pongs count as activity (the protocol handler drops them before any later handler sees them).
        // workaround: server heartbeat | missing | no upstream issue
        p.addLast(PONG_WAIT, new IdleStateHandler(config.pongWait().toNanos(), 0, 0, TimeUnit.NANOSECONDS));
        // end workaround: server heartbeat
        p.addLast("http", new HttpServerCodec());
        // WRITE_WAIT: fails a write (one per frame: it sits above the WebSocket encoder) not done in time.
        p.addLast("writeWait", new WriteTimeoutHandler(config.writeWait().toNanos(), TimeUnit.NANOSECONDS));
        p.addLast("httpAggregator", new HttpObjectAggregator(MAX_HANDSHAKE_BODY));
        p.addLast("plainHttp", new PlainHttpRequestHandler(config.path()));
        // READ_LIMIT on the whole message. Fragments are reassembled before they are inflated: Netty's
        // DeflateDecoder fails a valid compressed message whose first fragment inflates to nothing
        // (CodecException "cannot read uncompressed buffer"; netty#9832 exempted only later fragments).
        // workaround: reassemble before inflating | defect | netty/netty#9832 (a partial fix; the empty first fragment has none)
        p.addLast("messageAggregator", new WebSocketFrameAggregator(wireLimit(config)));
        // end workaround: reassemble before inflating
        if (config.compression()) {
            p.addLast("permessageDeflate", new WebSocketServerExtensionHandler(permessageDeflate(config)));
        }
        p.addLast("websocket", new ProtocolHandler(protocol));
        p.addLast("hub", new WebSocketFrameHandler(config, hub));
    }

    /**
     * The most payload bytes a message may take on the wire. With deflate on, READ_LIMIT bytes of incompressible
     * data grow a little (zlib's deflateBound: about n/4096 + 13): that much slack is let in here, and the
     * inflated size is held to READ_LIMIT by maxAllocation and by WebSocketFrameHandler.
     */
    static int wireLimit(ServerConfig config) {
        long limit = config.readLimit();
        if (config.compression()) {
            limit += (limit >> 10) + 64;
        }
        return (int) Math.min(limit, Integer.MAX_VALUE - 8);
    }

    private static WebSocketServerProtocolConfig protocolConfig(ServerConfig config) {
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(wireLimit(config))  // one frame over READ_LIMIT: 1009 from the decoder
                .allowExtensions(config.compression())     // RSV bits are a 1002 unless deflate may be on
                .allowMaskMismatch(false)                  // unmasked client frame: 1002
                .withUTF8Validator(true)                   // invalid UTF-8 in text: 1007
                // The handler sends every close frame itself: Netty's own one (closeOnProtocolViolation) sends
                // nothing at all once a close opcode was parsed, so a close frame with code 1005 got no 1002.
                .closeOnProtocolViolation(false)
                .build();
        return WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(config.path())
                .checkStartsWith(true)   // PlainHttpRequestHandler already matched the path; this lets "?query" in
                .dropPongFrames(true)    // pongs have done their job in the IdleStateHandler
                // The protocol handler would swallow the peer's close frame, and the hub needs its code: the close
                // handshake is answered in WebSocketFrameHandler the way WebSocketServerHandshaker.close does it.
                .handleCloseFrames(false)
                .sendCloseFrame(null)    // every close frame is one we chose (NettyConnection); channel.close() is TCP
                .decoderConfig(decoder)
                .build();
    }

    /**
     * permessage-deflate at COMPRESSION_LEVEL. {@code maxAllocation = READ_LIMIT} caps what a (reassembled)
     * message may inflate to, so a deflate bomb is stopped while inflating, not after.
     */
    private static PerMessageDeflateServerExtensionHandshaker permessageDeflate(ServerConfig config) {
        return new PerMessageDeflateServerExtensionHandshaker(
                config.compressionLevel(),
                ZlibCodecFactory.isSupportingWindowSizeAndMemLevel(), // as Netty's default: only with JZlib
                MAX_WINDOW_BITS,
                true,  // server_no_context_takeover when the client asks
                true,  // client_no_context_takeover when the client offers it
                config.readLimit());
    }
}
