package io.wsbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.core.Transports;
import io.wsbench.topology.ReferenceServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stacks the bench can name: the Java impls first, the reference servers after, each as it reports itself.
 * Neither kind is named here: a stack joins by its module being on the classpath.
 */
class StacksTest {

    @Test
    void javaImplsComeFirstThenTheReferenceServers() {
        List<String> java = Transports.names();
        List<String> references = ReferenceServer.names();
        assertThat(references).as("the reference modules are on the bench's classpath").isNotEmpty();
        assertThat(Stacks.names()).startsWith(java.toArray(String[]::new))
                .endsWith(references.toArray(String[]::new));
        assertThat(java).noneMatch(Stacks::isReference);
        assertThat(references).allMatch(Stacks::isReference);
    }

    @Test
    void eachStackDeclaresWhatItsLibraryCannotDo() {
        for (ReferenceServer reference : ReferenceServer.all()) {
            assertThat(Stacks.unsupported(reference.impl())).isEqualTo(reference.unsupported());
        }
        for (String java : Transports.names()) {
            assertThat(Stacks.unsupported(java)).isEqualTo(Transports.find(java).unsupported());
        }
    }

    /** Started for real (the build made it): the library string is the one the server puts on its /metrics. */
    @Test
    void aReferenceServerNamesItsLibraryAsItReportsIt() {
        for (String reference : ReferenceServer.names()) {
            Stacks.requireRunnable(reference);
            assertThat(Stacks.library(reference)).as(reference)
                    .doesNotContain("library unknown", "no wsbench_server_info").doesNotStartWith(reference);
        }
        assertThat(Stacks.library("netty")).isEqualTo(Transports.find("netty").library());
    }
}
