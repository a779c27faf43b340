package io.wsbench.topology;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a program the topology runs is found: the path in its own variable ({@code NGINX_BIN},
 * {@code NATS_SERVER_BIN}) when that is set, else the first on PATH, else the usual install places (Debian puts
 * daemons in /usr/sbin, often not on a user's PATH).
 *
 * @param variable    the environment variable that names the binary
 * @param name        the file name looked for on PATH
 * @param usualPlaces absolute paths tried after PATH
 */
record Executable(String variable, String name, List<String> usualPlaces) {

    /** The first candidate that is an executable file, in {@code env}. */
    Optional<Path> find(Map<String, String> env) {
        List<Path> candidates = new ArrayList<>();
        String explicit = env.get(variable);
        if (explicit != null && !explicit.isBlank()) {
            candidates.add(Path.of(explicit));
        } else {
            for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, name));
                }
            }
            usualPlaces.forEach(p -> candidates.add(Path.of(p)));
        }
        return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    /** What {@link #find} looked at, for the error that says none was found. */
    String lookedAt(Map<String, String> env) {
        String explicit = env.get(variable);
        return explicit != null && !explicit.isBlank() ? variable + "=" + explicit
                : "PATH and " + String.join(", ", usualPlaces);
    }
}
