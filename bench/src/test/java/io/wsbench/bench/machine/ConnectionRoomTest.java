package io.wsbench.bench.machine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionRoomTest {

    @Test
    void whatFitsIsRoundedDownToAThousandSoEveryRepetitionOpensAsMany() {
        ConnectionRoom room = new ConnectionRoom(19_750, "the server JVM", new OpenFileLimit(20_000, 20_000), 150);

        assertThat(room.fit(10_000)).isEqualTo(10_000);
        assertThat(room.fit(100_000)).isEqualTo(19_000);
        assertThat(room.describe()).isEqualTo("the server JVM has ulimit -n 20000 (hard 20000)");
    }

    @Test
    void aTinyLimitStillOpensWhatFits() {
        ConnectionRoom room = new ConnectionRoom(700, "the load generator", new OpenFileLimit(1024, 4096), 224);

        assertThat(room.fit(10_000)).isEqualTo(700);
    }

    @Test
    void thisProcessHasRoomBelowItsLimit() {
        long pid = ProcessHandle.current().pid();
        ConnectionRoom room = ConnectionRoom.between(pid, pid);

        assertThat(room.alreadyOpen()).isPositive();
        assertThat(room.connections()).isLessThan(room.limit().soft());
    }
}
