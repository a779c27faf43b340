package io.wsbench.impl.jetty.codec;

import io.wsbench.core.codec.CodecProvider;
import io.wsbench.core.codec.FrameCodec;
import io.wsbench.core.codec.PmdCodec;

/** Jetty's permessage-deflate extension and frame generator/parser for the deflate-jmh benchmarks. */
public final class JettyCodecProvider implements CodecProvider {

    @Override
    public String name() {
        return "jetty";
    }

    @Override
    public PmdCodec deflate(int level) throws Exception {
        return new JettyCodec(level);
    }

    @Override
    public FrameCodec frames() {
        return new JettyFrames();
    }
}
