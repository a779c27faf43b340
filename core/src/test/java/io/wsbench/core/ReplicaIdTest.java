package io.wsbench.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the replica id comes from: REPLICA_ID beats HOSTNAME beats the resolved host name. */
class ReplicaIdTest {

    @Test
    void replicaIdWinsOverHostname() {
        assertThat(ReplicaId.of(Map.of("REPLICA_ID", "r-2", "HOSTNAME", "3f2a9c"))).isEqualTo("r-2");
    }

    @Test
    void hostnameIsTheContainerIdInDocker() {
        assertThat(ReplicaId.of(Map.of("HOSTNAME", "3f2a9c01b7de"))).isEqualTo("3f2a9c01b7de");
    }

    @Test
    void withoutEitherTheResolvedHostNameIsUsed() {
        assertThat(ReplicaId.of(Map.of("HOSTNAME", " "))).isNotBlank();
    }
}
