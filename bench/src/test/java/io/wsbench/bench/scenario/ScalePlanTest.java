package io.wsbench.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScalePlanTest {
    private static final int PORTS = 60_999 - 32_768 + 1;

    @Test
    void aHundredThousandAtTwentyThousandFilesTakeSixReplicasSixteenWorkersAndSixLoadJvms() {
        ScalePlan plan = ScalePlan.of(100_000, 20_000, PORTS);

        assertThat(plan.replicas()).isEqualTo(6);
        assertThat(plan.nginxWorkers()).isEqualTo(16);
        assertThat(plan.loadJvms()).isEqualTo(6);
        assertThat(plan.workerConnections()).isEqualTo(20_000 - 1024);
    }

    @Test
    void everyProcessStaysUnderTheFileLimitWithRoomForAnUnevenSpread() {
        for (int n : new int[] {1_000, 10_000, 50_000, 100_000, 150_000}) {
            ScalePlan plan = ScalePlan.of(n, 20_000, PORTS);
            long perProcess = ScalePlan.perProcess(20_000);
            double perReplica = (double) n / plan.replicas();
            double perWorker = (double) n / plan.nginxWorkers();

            assertThat(perReplica).as("%d: per replica", n).isLessThanOrEqualTo(perProcess * 0.9);
            assertThat(perReplica).as("%d: nginx's upstream ports to one replica", n).isLessThan(PORTS);
            assertThat((double) n / plan.loadJvms()).as("%d: per load JVM", n).isLessThanOrEqualTo(perProcess * 0.9);
            assertThat(2 * perWorker).as("%d: files per nginx worker", n)
                    .isLessThanOrEqualTo(plan.workerConnections() * 2.0 / 3);
            assertThat(plan.workerConnections() + 1024L).as("worker_rlimit_nofile").isLessThanOrEqualTo(20_000);
        }
    }

    @Test
    void aSmallRunStillSpreadsOverTwoOfEach() {
        ScalePlan plan = ScalePlan.of(300, 20_000, PORTS);

        assertThat(plan.replicas()).isEqualTo(2);
        assertThat(plan.nginxWorkers()).isEqualTo(2);
        assertThat(plan.loadJvms()).isEqualTo(2);
    }

    @Test
    void anUnlimitedFileLimitNeedsNoMoreThanTwoOfEach() {
        ScalePlan plan = ScalePlan.of(20_000, Long.MAX_VALUE, PORTS);

        assertThat(plan.replicas()).isEqualTo(2);
        assertThat(plan.loadJvms()).isEqualTo(2);
        assertThat(plan.workerConnections()).isEqualTo(65_536);
    }

    @Test
    void oneProcessHoldsTenThousandButNotFiftyThousandAtTwentyThousandFiles() {
        assertThat(ScalePlan.oneProcessLimit(10_000, 20_000)).isNull();
        assertThat(ScalePlan.oneProcessLimit(19_500, 20_000)).isNull();
        assertThat(ScalePlan.oneProcessLimit(50_000, 20_000)).startsWith("one process holds < 20,000 files");
        assertThat(ScalePlan.oneProcessLimit(100_000, Long.MAX_VALUE)).isNull();
    }

    @Test
    void sharesAddUpAndDifferByOneAtMost() {
        int total = 100_003;
        int[] shares = IntStream.range(0, 6).map(i -> ScalePlan.share(i, total, 6)).toArray();

        assertThat(IntStream.of(shares).sum()).isEqualTo(total);
        assertThat(IntStream.of(shares).max().getAsInt() - IntStream.of(shares).min().getAsInt()).isLessThanOrEqualTo(1);
    }

    @Test
    void theDescriptionNamesEveryProcessCountAndTheLimit() {
        assertThat(ScalePlan.of(100_000, 20_000, PORTS).describe())
                .contains("100,000 connections", "6 replicas", "16 nginx workers", "18,976 worker_connections",
                        "6 load JVMs", "open-file limit of 20,000");
    }
}
