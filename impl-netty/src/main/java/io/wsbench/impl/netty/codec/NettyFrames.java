package io.wsbench.impl.netty.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.wsbench.core.codec.FrameCodec;
import java.io.ByteArrayOutputStream;

/**
 * Netty's {@link WebSocket13FrameEncoder} (server side: unmasked) and {@link WebSocket13FrameDecoder} (expects masked
 * frames, 64 KiB frame limit) each in an {@link EmbeddedChannel}. The encoder writes large frames as a header buffer
 * and the payload buffer; both are copied out.
 */
final class NettyFrames implements FrameCodec {
    private final EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
    private final EmbeddedChannel decoder = new EmbeddedChannel(new WebSocket13FrameDecoder(
            WebSocketDecoderConfig.newBuilder().expectMaskedFrames(true).maxFramePayloadLength(64 * 1024).build()));
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);

    @Override
    public byte[] encode(byte[] message) {
        encoder.writeOutbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(message)));
        out.reset();
        for (ByteBuf b = encoder.readOutbound(); b != null; b = encoder.readOutbound()) {
            try {
                b.readBytes(out, b.readableBytes());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            } finally {
                b.release();
            }
        }
        return out.toByteArray();
    }

    @Override
    public byte[] decode(byte[] frame) {
        decoder.writeInbound(Unpooled.wrappedBuffer(frame));
        WebSocketFrame f = decoder.readInbound();
        if (f == null) {
            throw new IllegalStateException("Netty's decoder produced no frame");
        }
        try {
            return io.netty.buffer.ByteBufUtil.getBytes(f.content());
        } finally {
            f.release();
        }
    }

    @Override
    public void close() {
        encoder.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
    }
}
