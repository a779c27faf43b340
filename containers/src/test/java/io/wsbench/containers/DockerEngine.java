package io.wsbench.containers;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import org.testcontainers.DockerClientFactory;

/**
 * Whether the container tests can run here. Without a Docker engine (or without the wsbench images) they are
 * skipped with "not run: ..." in the test output, and the native topology tests keep the same checks
 * running. {@code WSBENCH_CONTAINERS_REQUIRED=1} (set by .ci/run after {@code docker/ci.sh up}) turns that
 * skip into a failure, so CI cannot pass by silently not running them.
 */
final class DockerEngine {
    static final boolean REQUIRED = "1".equals(System.getenv("WSBENCH_CONTAINERS_REQUIRED"));

    private DockerEngine() {
    }

    /** Skips (or, when required, fails) unless an engine answers and every image is present. */
    static void assumeReady(String... images) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            notRun("not run: no Docker engine");
        }
        for (String image : images) {
            try {
                DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            } catch (RuntimeException e) {
                notRun("not run: image " + image + " not built (docker/ci.sh up, or docker compose build)");
            }
        }
    }

    private static void notRun(String why) {
        System.out.println("wsbench containers: " + why);
        if (REQUIRED) {
            fail(why + " (WSBENCH_CONTAINERS_REQUIRED=1)");
        }
        abort(why);
    }
}
