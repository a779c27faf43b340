package io.wsbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.core.Feature;
import io.wsbench.core.Transports;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stacks the bench can name: the Java impls first, the reference servers after, each as it reports itself. */
class StacksTest {

    @Test
    void javaImplsComeFirstThenTheReferenceServers() {
        List<String> java = Transports.names();
        assertThat(Stacks.names()).startsWith(java.toArray(String[]::new))
                .endsWith("ref-go-gorilla", "ref-node-ws");
        assertThat(java).noneMatch(Stacks::isReference);
        assertThat(Stacks.isReference("ref-go-gorilla")).isTrue();
    }

    @Test
    void aReferenceServerDeclaresWhatItsLibraryCannotDo() {
        assertThat(Stacks.unsupported("ref-go-gorilla")).containsKey(Feature.SERVER_CONTEXT_TAKEOVER);
        assertThat(Stacks.unsupported("netty")).isEqualTo(Transports.find("netty").unsupported());
    }

    /** Started for real (the build made it): the library string is the one the server puts on its /metrics. */
    @Test
    void aReferenceServerNamesItsLibraryAsItReportsIt() {
        Stacks.requireRunnable("ref-go-gorilla");
        assertThat(Stacks.library("ref-go-gorilla")).contains("gorilla/websocket");
        Stacks.requireRunnable("ref-node-ws");
        assertThat(Stacks.library("ref-node-ws")).contains("ws ");
        assertThat(Stacks.library("netty")).isEqualTo(Transports.find("netty").library());
    }
}
