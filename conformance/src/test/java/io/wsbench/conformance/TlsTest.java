package io.wsbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.core.Feature;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §3 TLS_CERT/TLS_KEY: wss:// straight from PEM files made by openssl, the way nginx/gen-cert.sh makes
 * them, and a client that trusts that certificate and verifies the host name (127.0.0.1 is in its SAN).
 */
@DisplayName("TLS at the backend (TLS_CERT, TLS_KEY)")
@ExtendWith(ConformanceMatrix.class)
class TlsTest {
    @TempDir
    static Path certificateDir;
    private static SelfSignedCertificate certificate;
    private static HttpClient trustingClient;

    /** Made on first use inside a case, so an openssl failure is a failed case in the matrix, not a lost row. */
    private static synchronized HttpClient trustingClient() throws Exception {
        if (trustingClient == null) {
            certificate = SelfSignedCertificate.create(certificateDir);
            trustingClient = HttpClient.newBuilder().sslContext(certificate.trustingIt())
                    .connectTimeout(ScaledConfig.EVENTUALLY).build();
        }
        return trustingClient;
    }

    @ForEachImpl
    void wssEchoWithPemCertificate(ServerImpl impl) throws Exception {
        if (!ConformanceMatrix.supports(impl, Feature.TLS)) {
            return;
        }
        HttpClient http = trustingClient();
        var config = ScaledConfig.standard().withTls(certificate.cert(), certificate.key());
        try (ServerUnderTest server = impl.start(config);
             JdkClient client = JdkClient.connectAsync(http, JdkClient.uri(server))
                     .get(ScaledConfig.EVENTUALLY.toMillis(), TimeUnit.MILLISECONDS)) {
            ConformanceMatrix.saw(JdkClient.uri(server).getScheme());
            client.sendText("hello over tls");
            assertThat(client.nextText()).isEqualTo("hello over tls");
        }
    }
}
