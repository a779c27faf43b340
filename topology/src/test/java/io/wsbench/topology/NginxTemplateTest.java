package io.wsbench.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nginx/nginx.conf.template is one file for the Java launcher and for render-conf.sh (containers, production):
 * both must fill every placeholder and leave nginx's own variables alone.
 */
class NginxTemplateTest {
    private static final Path NGINX_DIR = Path.of("..", "nginx");

    @Test
    void theLauncherFillsEveryPlaceholderAndNothingElse() throws Exception {
        NginxTemplate template = NginxTemplate.bundled();
        Map<String, String> values = NginxProcess.values(NginxConfig.defaults(), List.of("127.0.0.1:1"), false,
                "/ws-notifications", Path.of("/tmp/prefix"), 1, 2, new PemCertificate(Path.of("/c.pem"), Path.of("/k.pem")));

        assertThat(values.keySet()).containsExactlyInAnyOrderElementsOf(template.placeholders());
        String conf = template.render(values);
        assertThat(conf).doesNotContain("${")
                .contains("proxy_set_header Upgrade $http_upgrade;", "map $http_upgrade $connection_upgrade",
                        "proxy_read_timeout 90s;", "least_conn;", "server 127.0.0.1:1;", "location = /ws-notifications",
                        "proxy_pass http://ws_backends;");
    }

    @Test
    void replicasThatTerminateTlsAreProxiedOverTls() throws Exception {
        Map<String, String> values = NginxProcess.values(NginxConfig.defaults(), List.of("127.0.0.1:1"), true,
                "/ws-notifications", Path.of("/tmp/prefix"), 1, 2, new PemCertificate(Path.of("/c.pem"), Path.of("/k.pem")));

        assertThat(NginxTemplate.bundled().render(values)).contains("proxy_pass https://ws_backends;");
    }

    @Test
    void reusePortGivesEveryListenerItsOwnSocketPerWorker() throws Exception {
        PemCertificate tls = new PemCertificate(Path.of("/c.pem"), Path.of("/k.pem"));
        String plain = NginxTemplate.bundled().render(NginxProcess.values(NginxConfig.defaults(),
                List.of("127.0.0.1:1"), false, "/ws-notifications", Path.of("/tmp/prefix"), 1, 2, tls));
        String spread = NginxTemplate.bundled().render(NginxProcess.values(NginxConfig.defaults().withReusePort(true),
                List.of("127.0.0.1:1"), false, "/ws-notifications", Path.of("/tmp/prefix"), 1, 2, tls));

        assertThat(plain).contains("listen 127.0.0.1:1;", "listen 127.0.0.1:2 ssl;").doesNotContain("reuseport;");
        assertThat(spread).contains("listen 127.0.0.1:1 reuseport;", "listen 127.0.0.1:2 ssl reuseport;");
    }

    @Test
    void aMissingValueIsNamed() throws Exception {
        assertThatThrownBy(() -> NginxTemplate.bundled().render(Map.of()))
                .hasMessageContaining("NGINX_PROXY_READ_TIMEOUT");
    }

    @Test
    void renderConfShFillsEveryPlaceholderWithProductionDefaults() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", NGINX_DIR.resolve("render-conf.sh").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        // Only the defaults: nothing from the environment this test happens to run in.
        builder.environment().keySet().removeIf(name -> !name.equals("PATH"));
        Process render = builder.start();
        String conf = new String(render.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(render.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(render.exitValue()).isZero();
        assertThat(conf).doesNotContain("${")
                .contains("proxy_set_header Connection $connection_upgrade;", "proxy_read_timeout 90s;",
                        "listen 0.0.0.0:443 ssl;", "server ws-server:8000;", "least_conn;");
    }

    @Test
    void renderConfShOutputIsAConfigNginxAccepts(@TempDir Path dir) throws Exception {
        run(List.of("sh", NGINX_DIR.resolve("gen-cert.sh").toString(), dir.resolve("certs").toString()), Map.of());
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("run"));
        String conf = run(List.of("sh", NGINX_DIR.resolve("render-conf.sh").toString()), Map.of(
                "NGINX_UPSTREAM_SERVERS", "server 127.0.0.1:8000;", // a Compose service name would need DNS here
                "NGINX_BALANCE", "ip_hash",
                "NGINX_TLS_CERT", dir.resolve("certs/localhost.pem").toString(),
                "NGINX_TLS_KEY", dir.resolve("certs/localhost-key.pem").toString(),
                "NGINX_LOG_DIR", dir.resolve("logs").toString(),
                "NGINX_RUN_DIR", dir.resolve("run").toString()));
        Files.writeString(dir.resolve("nginx.conf"), conf);

        String check = run(List.of(NginxBinary.find().path().toString(), "-t", "-p", dir + "/",
                "-c", dir.resolve("nginx.conf").toString(), "-e", dir.resolve("logs/error.log").toString()), Map.of());
        assertThat(check).contains("test is successful");
    }

    @Test
    void genCertShWritesAPkcs8KeyAndALocalhostCertificate(@TempDir Path dir) throws Exception {
        Process gen = new ProcessBuilder("sh", NGINX_DIR.resolve("gen-cert.sh").toString(), dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(gen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gen.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(gen.exitValue()).as(out).isZero();
        assertThat(Files.readString(dir.resolve("localhost-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(dir.resolve("localhost.pem"))) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        List<String> names = cert.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList();
        assertThat(names).containsExactlyInAnyOrder("localhost", "127.0.0.1");
        assertThat(cert.getBasicConstraints()).as("a leaf, not a CA").isEqualTo(-1);
    }

    /** Runs a command with only PATH and {@code env} in its environment; its output, or an assertion error. */
    private static String run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> !name.equals("PATH"));
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(command + ":\n" + out).isZero();
        return out;
    }

    @Test
    void missingNginxSaysHowToInstallIt() {
        assertThatThrownBy(() -> NginxBinary.find(Map.of("NGINX_BIN", "/nonexistent/nginx")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apt-get install -y nginx");
    }

    @Test
    void theInstalledNginxReportsItsVersion() {
        NginxBinary nginx = NginxBinary.find();
        assertThat(nginx.version()).startsWith("nginx/");
    }
}
