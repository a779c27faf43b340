package io.wsbench.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A self-signed certificate and its key, made by {@code nginx/gen-cert.sh} (SAN localhost and 127.0.0.1): what
 * nginx serves {@code wss://} with and, with {@link TopologyConfig#serverTls()}, what every replica serves too.
 */
public record PemCertificate(Path certificate, Path key) {

    /** Runs {@code nginx/gen-cert.sh} into {@code dir}: {@code localhost.pem} and {@code localhost-key.pem}. */
    public static PemCertificate make(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve("gen-cert.sh");
        Files.writeString(script, NginxTemplate.resource("gen-cert.sh"));
        String out = NginxProcess.runToEnd(List.of("sh", script.toString(), dir.toString()), "nginx/gen-cert.sh");
        PemCertificate made = new PemCertificate(dir.resolve("localhost.pem"), dir.resolve("localhost-key.pem"));
        if (!Files.exists(made.certificate()) || !Files.exists(made.key())) {
            throw new IOException("nginx/gen-cert.sh made no certificate:\n" + out);
        }
        return made;
    }
}
