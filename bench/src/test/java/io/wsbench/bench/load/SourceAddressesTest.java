package io.wsbench.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SourceAddressesTest {

    @Test
    void aHundredThousandConnectionsAreSpreadPastOneAddressesPortRange() {
        SourceAddresses sources = SourceAddresses.forConnections(100_000, 60999 - 32768 + 1);

        assertThat(sources.perAddress()).isEqualTo(21_174);
        assertThat(sources.addresses()).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6");
        assertThat(sources.describe()).isEqualTo("127.0.0.2-127.0.0.6");
    }

    @Test
    void connectionsTakeTheAddressesInTurn() {
        SourceAddresses sources = SourceAddresses.forConnections(30, 14);

        assertThat(sources.forConnection(0).getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(sources.forConnection(1).getHostAddress()).isEqualTo("127.0.0.3");
        assertThat(sources.forConnection(3).getHostAddress()).isEqualTo("127.0.0.2");
    }

    @Test
    void aFewConnectionsUseOneAddress() {
        assertThat(SourceAddresses.forConnections(10_000, 28_232).describe()).isEqualTo("127.0.0.2");
    }

    @Test
    void moreThanLoopbackCanHoldIsRefused() {
        assertThatThrownBy(() -> SourceAddresses.forConnections(1_000_000, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source addresses");
    }
}
