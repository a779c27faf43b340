package io.wsbench.impl.netty.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.wsbench.core.codec.PmdCodec;
import java.util.Map;

/**
 * Netty's permessage-deflate encoder and decoder (package-private classes, so reached the way a server reaches them:
 * {@link PerMessageDeflateServerExtensionHandshaker#handshakeExtension} for a plain client offer, then
 * {@code newExtensionEncoder()} / {@code newExtensionDecoder()}), each in an {@link EmbeddedChannel}: a
 * {@link TextWebSocketFrame} written through the encoder, an RSV1 frame read through the decoder. The channel's
 * pipeline hop is part of what is measured (it is on a real connection too); the handshaker is built as the Netty
 * impl builds it, context takeover on both sides for a client that does not ask otherwise.
 */
final class NettyCodec implements PmdCodec {
    private final EmbeddedChannel encoder;
    private final EmbeddedChannel decoder;

    NettyCodec(int level) {
        WebSocketServerExtension extension = new PerMessageDeflateServerExtensionHandshaker(level, false, 15, true,
                true).handshakeExtension(new WebSocketExtensionData("permessage-deflate", Map.of()));
        encoder = new EmbeddedChannel(extension.newExtensionEncoder());
        decoder = new EmbeddedChannel(extension.newExtensionDecoder());
    }

    @Override
    public byte[] encode(byte[] message) {
        encoder.writeOutbound(new TextWebSocketFrame(true, 0, Unpooled.wrappedBuffer(message)));
        return drain(encoder.readOutbound());
    }

    @Override
    public byte[] decode(byte[] payload) {
        decoder.writeInbound(new TextWebSocketFrame(true, WebSocketExtension.RSV1, Unpooled.wrappedBuffer(payload)));
        return drain(decoder.readInbound());
    }

    private static byte[] drain(WebSocketFrame frame) {
        if (frame == null) {
            throw new IllegalStateException("the Netty codec produced no frame");
        }
        try {
            ByteBuf content = frame.content();
            return ByteBufUtil.getBytes(content);
        } finally {
            frame.release();
        }
    }

    @Override
    public void close() {
        encoder.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
    }
}
