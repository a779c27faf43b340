package io.wsbench.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.Profile;
import io.wsbench.bench.Route;
import org.junit.jupiter.api.Test;

class ConnectRateScenarioTest {

    @Test
    void isSelectableByName() {
        assertThat(Scenarios.find("connect-rate")).containsInstanceOf(ConnectRateScenario.class);
    }

    @Test
    void quickMeasuresDirectAndFullAddsNginxTls() {
        assertThat(ConnectRateScenario.routes(Profile.QUICK)).containsExactly(Route.DIRECT);
        assertThat(ConnectRateScenario.routes(Profile.FULL)).containsExactly(Route.DIRECT, Route.NGINX_TLS);
        assertThat(new ConnectRateScenario().variants(Profile.FULL)).extracting(v -> v.get("route"))
                .containsExactly("direct", "nginx+tls");
    }

    @Test
    void ratesClimbInOrder() {
        for (Profile p : Profile.all()) {
            assertThat(ConnectRateScenario.steps(p)).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void theBarIsOneSecond() {
        assertThat(ConnectRateScenario.P99_BAR).hasSeconds(1);
    }
}
