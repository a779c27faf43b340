package io.wsbench.conformance;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;

/** The admin HTTP endpoints (SPEC §3.3) as a user's curl would call them. */
final class AdminClient {
    private AdminClient() {
    }

    static HttpResponse<String> get(ServerUnderTest server, String path) throws Exception {
        return JdkClient.HTTP.send(HttpRequest.newBuilder(uri(server, path)).timeout(ScaledConfig.EVENTUALLY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(ServerUnderTest server, String path, String body) throws Exception {
        return JdkClient.HTTP.send(HttpRequest.newBuilder(uri(server, path)).timeout(ScaledConfig.EVENTUALLY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The samples of {@code GET /metrics}, keyed by name with labels as printed
     * ({@code wsbench_connections_closed_total{code="1000"}}).
     */
    static Map<String, Double> metrics(ServerUnderTest server) throws Exception {
        HttpResponse<String> response = get(server, "/metrics");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /metrics answered " + response.statusCode());
        }
        return samples(response.body());
    }

    /** One sample's value, 0 when the metric has no sample yet (a counter never incremented). */
    static double metric(ServerUnderTest server, String sample) throws Exception {
        return metrics(server).getOrDefault(sample, 0.0);
    }

    static Map<String, Double> samples(String prometheusText) {
        Map<String, Double> samples = new TreeMap<>();
        for (String line : prometheusText.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            try {
                samples.put(line.substring(0, space).trim(), Double.parseDouble(line.substring(space + 1)));
            } catch (RuntimeException e) {
                // a timestamped or exotic line: not one of ours
            }
        }
        return samples;
    }

    private static URI uri(ServerUnderTest server, String path) {
        return URI.create("http://127.0.0.1:" + server.adminPort() + path);
    }
}
