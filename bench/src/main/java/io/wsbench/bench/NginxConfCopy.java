package io.wsbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The first nginx.conf a run rendered (every topology renders the same template, only ports differ), kept in
 * results.json so the report can show exactly how nginx was configured.
 */
public final class NginxConfCopy {
    private volatile String text = "";

    void keep(Path configFile) throws IOException {
        if (text.isEmpty()) {
            text = Files.readString(configFile);
        }
    }

    public String text() {
        return text;
    }
}
