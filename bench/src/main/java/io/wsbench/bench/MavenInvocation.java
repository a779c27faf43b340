package io.wsbench.bench;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Whether the Maven build that forked the bench asked for it. The bench is bound to bench's {@code verify}
 * phase, so a whole-repository {@code mvn verify} or {@code mvn install} reaches it too; those build and test,
 * they must not spend minutes measuring (and rewrite results/). The bench runs when the build selected the
 * bench module ({@code mvn -pl bench verify}, with or without {@code -am}), when Maven was started in bench/
 * ({@code cd bench && mvn verify}), or when {@code -Dbench.run=true} says so; {@code -Dbench.run=false} never.
 *
 * @param projects  {@code ${session.request.selectedProjects}}: what {@code -pl} named, e.g. {@code [bench]}
 * @param root      {@code ${session.executionRootDirectory}}: where mvn was started
 * @param module    {@code ${project.basedir}}: the bench module's directory
 * @param run       {@code ${bench.run}}: true, false or blank
 */
public record MavenInvocation(String projects, String root, String module, String run) {

    /** Not started by Maven (plain {@code java ... BenchMain}): always run. */
    public boolean forked() {
        return module != null && !module.isBlank();
    }

    public boolean asksForBench() {
        if (!forked() || "true".equalsIgnoreCase(blankIfNull(run).strip())) {
            return true;
        }
        if ("false".equalsIgnoreCase(blankIfNull(run).strip())) {
            return false;
        }
        Path bench = Path.of(module).toAbsolutePath().normalize();
        Path start = Path.of(blankIfNull(root).isBlank() ? "." : root).toAbsolutePath().normalize();
        if (start.equals(bench)) {
            return true;
        }
        return Arrays.stream(blankIfNull(projects).replaceAll("[\\[\\]]", "").split(","))
                .map(String::strip).filter(p -> !p.isEmpty() && !p.startsWith("!") && !p.startsWith("-"))
                .anyMatch(p -> p.equals(":wsbench-bench") || p.endsWith(":wsbench-bench")
                        || start.resolve(p).normalize().equals(bench));
    }

    private static String blankIfNull(String s) {
        return s == null ? "" : s;
    }
}
