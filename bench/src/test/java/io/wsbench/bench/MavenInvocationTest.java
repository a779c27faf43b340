package io.wsbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MavenInvocationTest {
    private static final String ROOT = "/repo";
    private static final String BENCH = "/repo/bench";

    @Test
    void aWholeRepositoryBuildDoesNotRunTheBench() {
        assertThat(new MavenInvocation("[]", ROOT, BENCH, "").asksForBench()).isFalse();
    }

    @Test
    void selectingTheBenchModuleRunsIt() {
        assertThat(new MavenInvocation("[bench]", ROOT, BENCH, "").asksForBench()).isTrue();
        assertThat(new MavenInvocation("[core, bench/]", ROOT, BENCH, "").asksForBench()).isTrue();
        assertThat(new MavenInvocation("[:wsbench-bench]", ROOT, BENCH, "").asksForBench()).isTrue();
        assertThat(new MavenInvocation("[topology]", ROOT, BENCH, "").asksForBench()).isFalse();
    }

    @Test
    void startingMavenInTheBenchDirectoryRunsIt() {
        assertThat(new MavenInvocation("[]", BENCH, BENCH, "").asksForBench()).isTrue();
    }

    @Test
    void benchRunOverridesTheGuessEitherWay() {
        assertThat(new MavenInvocation("[]", ROOT, BENCH, "true").asksForBench()).isTrue();
        assertThat(new MavenInvocation("[bench]", ROOT, BENCH, "false").asksForBench()).isFalse();
    }

    @Test
    void plainJavaAlwaysRuns() {
        assertThat(new MavenInvocation("", "", "", "").asksForBench()).isTrue();
    }
}
