package io.wsbench.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One owner stops every process: close() does, and a SIGKILLed owner leaves nothing behind either (the
 * reaper sees its stdin pipe close). Runs with one impl: the mechanism is the same for all of them.
 */
class TopologyLifecycleTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void closeStopsNginxItsWorkersAndEveryReplicaJvm() throws Exception {
        List<ProcessHandle> started;
        try (Topology topology = Topology.start(TestTopologies.of(anyImpl()).withReplicas(2))) {
            started = ProcessHandle.current().descendants().toList();
            assertThat(started).extracting(ProcessHandle::pid)
                    .contains(topology.nginx().pid(), topology.replica(0).pid(), topology.replica(1).pid());
            assertThat(ProcessHandle.of(topology.nginx().pid()).orElseThrow().children())
                    .as("nginx workers").isNotEmpty();
        }
        assertThat(started.stream().filter(ProcessHandle::isAlive).map(TopologyLifecycleTest::describe).toList())
                .as("still alive after close()").isEmpty();
    }

    @Test
    void killReplicasEndsTheServerJvmsAtOnceAndNginxStaysUntilClose() throws Exception {
        try (Topology topology = Topology.start(TestTopologies.of(anyImpl()))) {
            ProcessHandle server = ProcessHandle.of(topology.replica(0).pid()).orElseThrow();
            topology.killReplicas();
            assertThat(server.isAlive()).as("server JVM after killReplicas()").isFalse();
            assertThat(ProcessHandle.of(topology.nginx().pid()).map(ProcessHandle::isAlive)).contains(true);
        }
    }

    @Test
    void killingTheOwnerJvmWithSigkillLeavesNoNginxOrServerBehind() throws Exception {
        Path output = Files.createTempFile("wsbench-holder-", ".log");
        Process holder = new ProcessBuilder(ServerJvm.current().java().toString(),
                "-cp", System.getProperty("java.class.path"), TopologyHolder.class.getName(), anyImpl(), "2")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            await().atMost(PATIENCE).until(() -> Files.readString(output).contains("READY") || !holder.isAlive());
            assertThat(holder.isAlive()).as(Files.readString(output)).isTrue();
            // Two reapers, their watchers, two server JVMs, the nginx master and its workers.
            List<ProcessHandle> tree = holder.descendants().toList();
            assertThat(tree).as("processes under the holder JVM").hasSizeGreaterThanOrEqualTo(7);
            assertThat(commands(tree)).anyMatch(c -> c.endsWith("nginx")).anyMatch(c -> c.endsWith("java"));

            holder.destroyForcibly(); // SIGKILL: no shutdown hook, no Java code runs in the holder
            holder.waitFor(30, TimeUnit.SECONDS);

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(tree.stream().filter(ProcessHandle::isAlive)
                    .map(TopologyLifecycleTest::describe).toList()).as("still alive").isEmpty());
        } finally {
            holder.destroyForcibly();
            deleteRunDirectory(output);
            Files.deleteIfExists(output);
        }
    }

    private static String anyImpl() {
        return Impls.names().findFirst().orElseThrow();
    }

    private static List<String> commands(List<ProcessHandle> processes) {
        return processes.stream().map(p -> p.info().command().orElse("?")).toList();
    }

    private static String describe(ProcessHandle p) {
        return p.pid() + " " + p.info().commandLine().orElse("?");
    }

    /** The killed holder could not remove its topology directory; its first line names it. */
    private static void deleteRunDirectory(Path output) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(output),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    Path dir = Path.of(line.substring("READY ".length()));
                    if (dir.getFileName().toString().startsWith("wsbench-topology-")) {
                        CompletableFuture.runAsync(() -> deleteTree(dir)).get(30, TimeUnit.SECONDS);
                    }
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // best effort: a temp directory
        }
    }
}
