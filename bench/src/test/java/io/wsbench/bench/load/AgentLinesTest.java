package io.wsbench.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentLinesTest {

    @Test
    void aCommandIsOneLineAndReadsBackTheSame() throws Exception {
        AgentCommand open = AgentCommand.open(URI.create("ws://127.0.0.1:8080/ws-notifications"), 16_667, 416,
                "127.0.0.3");
        String line = AgentLines.write(open);

        assertThat(line).doesNotContain("\n").contains("\"op\":\"open\"", "\"source\":\"127.0.0.3\"");
        assertThat(AgentLines.read(line, AgentCommand.class)).isEqualTo(open);
        assertThat(AgentLines.read(AgentLines.write(AgentCommand.await(7, Duration.ofSeconds(30))),
                AgentCommand.class)).isEqualTo(AgentCommand.await(7, Duration.ofSeconds(30)));
    }

    @Test
    void emptyMembersAreLeftOutAndUnknownOnesIgnored() throws Exception {
        String line = AgentLines.write(AgentCommand.cut());

        assertThat(line).doesNotContain("uri", "source");
        AgentReport report = AgentLines.read("{\"op\":\"status\",\"open\":3,\"later\":true}", AgentReport.class);
        assertThat(report.op()).isEqualTo("status");
        assertThat(report.open()).isEqualTo(3);
        assertThat(report.error()).isNull();
    }

    @Test
    void aLineThatIsNotJsonIsAnErrorQuotingIt() {
        assertThatThrownBy(() -> AgentLines.read("Exception in thread main", AgentReport.class))
                .isInstanceOf(IOException.class).hasMessageContaining("Exception in thread main");
    }

    @Test
    void aNotificationCarriesItsSeqAndSendTime() {
        assertThat(LoadAgent.parse(LoadAgent.notification(12, 987_654_321_000L))).containsExactly(12,
                987_654_321_000L);
        assertThat(LoadAgent.parse("{\"type\":\"broadcast\"}")).isNull();
        assertThat(LoadAgent.parse("scale:x:1")).isNull();
    }
}
