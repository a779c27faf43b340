package io.wsbench.bench.scenario;

import io.wsbench.bench.Profile;
import io.wsbench.bench.deflate.PmdCodecs;
import io.wsbench.bench.deflate.RawDeflateCodec;
import io.wsbench.bench.result.Variant;
import java.util.List;

/**
 * The deflate-jmh baseline: the same benchmarks on {@link RawDeflateCodec}, {@code java.util.zip} used as RFC 7692
 * says and nothing more. A library's % of it is how much of zlib's speed its own buffers, pools and plumbing leave;
 * above 100% means it did less zlib work (e.g. no context takeover), which the wire % column shows.
 */
final class ZlibCeiling implements Ceiling {

    @Override
    public String name() {
        return "raw zlib";
    }

    @Override
    public List<Variant> variants(Profile profile) {
        return DeflateJmhScenario.deflateVariants(profile);
    }

    @Override
    public void repetition(ScenarioRun run, int repetition) throws Exception {
        DeflateJmhScenario.measure(run, PmdCodecs.BASELINE, false, repetition);
    }
}
