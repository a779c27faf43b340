package io.wsbench.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The commit a checkout is at, read from {@code .git} without running git, so that a result can say which code
 * produced it: the bench's environment and the conformance matrix both carry it, and the bench only takes a
 * conformance matrix made at its own commit.
 */
public final class GitCommit {
    private GitCommit() {
    }

    /** The commit of the repository at {@code dir} or the nearest directory above it; empty when there is none. */
    public static String above(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return of(d);
            }
        }
        return "";
    }

    /**
     * The commit checked out in {@code repository}; empty when there is none or .git cannot be read. A linked
     * worktree ({@code git worktree add}) has a {@code .git} file naming its own git directory, which keeps HEAD;
     * its branches live in the main repository's, named by {@code commondir}.
     */
    public static String of(Path repository) {
        try {
            Path git = gitDirectory(repository);
            Path common = Files.exists(git.resolve("commondir"))
                    ? git.resolve(Files.readString(git.resolve("commondir")).strip()).normalize() : git;
            String head = Files.readString(git.resolve("HEAD")).strip();
            if (!head.startsWith("ref: ")) {
                return head;
            }
            String ref = head.substring(5);
            for (Path dir : new Path[] {git, common}) {
                Path loose = dir.resolve(ref);
                if (Files.exists(loose)) {
                    return Files.readString(loose).strip();
                }
            }
            Path packed = common.resolve("packed-refs");
            if (Files.exists(packed)) {
                return Files.readAllLines(packed).stream().filter(l -> l.endsWith(" " + ref))
                        .map(l -> l.substring(0, l.indexOf(' '))).findFirst().orElse("");
            }
            return "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static Path gitDirectory(Path repository) throws IOException {
        Path git = repository.resolve(".git");
        if (Files.isRegularFile(git)) {
            String line = Files.readString(git).strip();
            if (line.startsWith("gitdir: ")) {
                return repository.resolve(line.substring("gitdir: ".length())).normalize();
            }
        }
        return git;
    }
}
