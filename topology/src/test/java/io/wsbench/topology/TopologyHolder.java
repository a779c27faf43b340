package io.wsbench.topology;

/**
 * A JVM that starts a topology and then just holds it, for {@link TopologyLifecycleTest} to SIGKILL: prints
 * {@code READY} once everything answers, then sleeps until killed.
 */
public final class TopologyHolder {
    private TopologyHolder() {
    }

    public static void main(String[] args) throws Exception {
        Topology topology = Topology.start(TestTopologies.of(args[0]).withReplicas(Integer.parseInt(args[1])));
        System.out.println("READY " + topology.directory());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
