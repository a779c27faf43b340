package io.wsbench.bench.machine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionRoomTest {
    private static final OpenFileLimit LIMIT = new OpenFileLimit(20_000, 20_000);

    @Test
    void whatFitsIsRoundedDownToAThousandSoEveryRepetitionOpensAsMany() {
        ConnectionRoom room = new ConnectionRoom(19_750, 19_800, LIMIT, LIMIT);

        assertThat(room.fit(10_000)).isEqualTo(10_000);
        assertThat(room.fit(100_000)).isEqualTo(19_000);
        assertThat(room.describe()).isEqualTo("open-file limit (ulimit -n) 20000 (hard 20000) in the server JVM and"
                + " 20000 (hard 20000) in the load generator, one file per connection in each");
    }

    @Test
    void theTighterSideCounts() {
        ConnectionRoom room = new ConnectionRoom(19_750, 700, LIMIT, new OpenFileLimit(1024, 4096));

        assertThat(room.connections()).isEqualTo(700);
        assertThat(room.fit(10_000)).isEqualTo(700);
    }

    @Test
    void thisProcessHasRoomBelowItsLimitForTheFilesItHolds() {
        long pid = ProcessHandle.current().pid();
        ConnectionRoom room = ConnectionRoom.between(pid, pid);
        long soft = room.serverLimit().soft();

        assertThat(room.connections()).isLessThan(soft - ConnectionRoom.HEADROOM);
    }
}
