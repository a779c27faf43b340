package io.wsbench.impl.jetty.codec;

import io.wsbench.core.codec.PmdCodec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.DecoratedObjectFactory;
import org.eclipse.jetty.util.compression.DeflaterPool;
import org.eclipse.jetty.util.compression.InflaterPool;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.WebSocketExtensionRegistry;
import org.eclipse.jetty.websocket.core.internal.PerMessageDeflateExtension;

/**
 * Jetty 12's {@link PerMessageDeflateExtension} (public, in {@code websocket.core.internal}) wired as a session wires
 * it: initialised from a plain {@code permessage-deflate} offer (context takeover both ways), its Deflater from a
 * {@link DeflaterPool} at the level (as the Jetty impl's server bean), a default {@link CoreSession.Empty}
 * configuration (auto-fragment on, no frame size limit), an {@link ArrayByteBufferPool}. Encode sends one TEXT frame
 * through {@code sendFrame} and collects what it passes to the next {@code OutgoingFrames}; decode demands, hands it
 * one RSV1 frame with {@code onFrame} and demands again until the inflated message is complete (Jetty inflates into
 * 8 KiB chunks, one per demand), exactly the calls the session makes.
 */
final class JettyCodec implements PmdCodec {
    private final WebSocketComponents components;
    private final PerMessageDeflateExtension extension = new PerMessageDeflateExtension();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
    private boolean fin;
    private boolean upstreamDemand;

    JettyCodec(int level) throws Exception {
        components = new WebSocketComponents(new WebSocketExtensionRegistry(), new DecoratedObjectFactory(),
                new ArrayByteBufferPool(), new InflaterPool(1, true), new DeflaterPool(1, level, true));
        components.start();
        extension.init(ExtensionConfig.parse("permessage-deflate"), components);
        extension.setCoreSession(new CoreSession.Empty());
        extension.setNextOutgoingFrames(entry -> collect(entry.getFrame(), entry.getCallback()));
        extension.setNextIncomingFrames(this::collect);
        extension.setNextDemand(() -> upstreamDemand = true);
    }

    private void collect(Frame frame, Callback callback) {
        ByteBuffer payload = frame.getPayload();
        if (payload != null) {
            byte[] bytes = BufferUtil.toArray(payload);
            out.write(bytes, 0, bytes.length);
        }
        fin = frame.isFin();
        callback.succeeded();
    }

    @Override
    public byte[] encode(byte[] message) {
        out.reset();
        fin = false;
        Callback.Completable done = new Callback.Completable();
        extension.sendFrame(new OutgoingEntry.Builder(new Frame(OpCode.TEXT, true, ByteBuffer.wrap(message)), done)
                .build());
        if (!fin || !done.isDone() || done.isCompletedExceptionally()) {
            throw new IllegalStateException("Jetty's deflate did not complete the frame: " + done);
        }
        return out.toByteArray();
    }

    @Override
    public byte[] decode(byte[] payload) {
        out.reset();
        fin = false;
        upstreamDemand = false;
        extension.demand();
        if (!upstreamDemand) {
            throw new IllegalStateException("Jetty's deflate extension did not ask for a frame");
        }
        Frame frame = new Frame(OpCode.TEXT, true, ByteBuffer.wrap(payload));
        frame.setRsv1(true);
        Callback.Completable consumed = new Callback.Completable();
        extension.onFrame(frame, consumed);
        while (!fin) {
            if (consumed.isCompletedExceptionally()) {
                throw new IllegalStateException("Jetty's deflate failed the frame: " + consumed);
            }
            extension.demand();
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws Exception {
        extension.close();
        components.stop();
    }
}
