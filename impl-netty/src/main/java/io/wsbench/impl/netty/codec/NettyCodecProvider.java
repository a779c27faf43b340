package io.wsbench.impl.netty.codec;

import io.wsbench.core.codec.CodecProvider;
import io.wsbench.core.codec.FrameCodec;
import io.wsbench.core.codec.PmdCodec;

/** Netty's permessage-deflate and framing for the deflate-jmh benchmarks. */
public final class NettyCodecProvider implements CodecProvider {

    @Override
    public String name() {
        return "netty";
    }

    @Override
    public PmdCodec deflate(int level) {
        return new NettyCodec(level);
    }

    @Override
    public FrameCodec frames() {
        return new NettyFrames();
    }
}
