package io.wsbench.topology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The nginx executable the topology runs, and what it is: the version string ({@code nginx/1.22.1}) is written
 * next to every result, and {@code -e} (set the early error log, nginx 1.19.5+) is used when it exists so
 * nothing is written to the compiled-in {@code /var/log/nginx} before our config is read.
 */
public record NginxBinary(Path path, String version, boolean supportsErrorLogFlag) {

    private static final Executable NGINX = new Executable("NGINX_BIN", "nginx", List.of("/usr/sbin/nginx",
            "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx", "/opt/homebrew/bin/nginx", "/usr/local/bin/nginx"));

    /**
     * Finds nginx: {@code NGINX_BIN} if set, else PATH, else the usual install locations.
     *
     * @throws IllegalStateException saying how to install one when there is none
     */
    public static NginxBinary find() {
        return find(System.getenv());
    }

    static NginxBinary find(Map<String, String> env) {
        return NGINX.find(env).map(NginxBinary::inspect).orElseThrow(() -> new IllegalStateException(
                "no nginx binary found (looked at " + NGINX.lookedAt(env)
                + "). The Nginx tests and the via-Nginx benchmarks need a real nginx: install one with"
                + " `apt-get install -y nginx` (Debian/Ubuntu; the package's own service is not used and may be"
                + " stopped: `nginx -s stop` or `systemctl disable --now nginx`), `apk add nginx` (Alpine) or"
                + " `brew install nginx` (macOS), or point NGINX_BIN at a binary."));
    }

    static NginxBinary inspect(Path binary) {
        String versionLine = run(binary, "-v");
        String help = run(binary, "-h");
        int at = versionLine.indexOf("nginx/");
        String version = at >= 0 ? versionLine.substring(at).split("\\s+")[0] : versionLine.strip();
        return new NginxBinary(binary, version, help.contains("-e filename"));
    }

    /** nginx prints its version and help on stderr; both streams are read together. */
    private static String run(Path binary, String flag) {
        try {
            Process p = new ProcessBuilder(binary.toString(), flag).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(binary + " " + flag + " did not finish in 10 s");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary + " " + flag + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + binary + " " + flag, e);
        }
    }
}
