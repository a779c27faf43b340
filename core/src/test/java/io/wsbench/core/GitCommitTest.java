package io.wsbench.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit read from .git agrees with git's own answer: a branch, packed refs, a linked worktree, no repo. */
class GitCommitTest {
    @TempDir
    Path dir;

    @Test
    void aBranchInTheMainCheckoutLooseAndPacked() throws Exception {
        Path repo = repository("main");
        assertThat(GitCommit.of(repo)).isEqualTo(git(repo, "rev-parse", "HEAD")).hasSize(40);

        git(repo, "pack-refs", "--all");
        assertThat(GitCommit.of(repo)).isEqualTo(git(repo, "rev-parse", "HEAD"));
    }

    @Test
    void aLinkedWorktreeOnItsOwnBranchAndDetached() throws Exception {
        Path repo = repository("main");
        Path tree = dir.resolve("tree");
        git(repo, "worktree", "add", "-q", "-b", "side", tree.toString());
        commit(tree, "side");
        assertThat(GitCommit.of(tree)).isEqualTo(git(tree, "rev-parse", "HEAD"))
                .isNotEqualTo(GitCommit.of(repo));
        assertThat(GitCommit.above(tree.resolve("sub"))).isEqualTo(GitCommit.of(tree));

        Path detached = dir.resolve("detached");
        git(repo, "worktree", "add", "-q", "--detach", detached.toString());
        assertThat(GitCommit.of(detached)).isEqualTo(git(repo, "rev-parse", "HEAD"));
    }

    @Test
    void noRepositoryIsEmpty() {
        assertThat(GitCommit.of(dir)).isEmpty();
    }

    private Path repository(String name) throws Exception {
        Path repo = Files.createDirectories(dir.resolve(name));
        git(repo, "init", "-q", "-b", "main");
        commit(repo, "first");
        return repo;
    }

    private static void commit(Path repo, String file) throws Exception {
        Files.writeString(repo.resolve(file), file);
        git(repo, "add", file);
        git(repo, "-c", "user.name=wsbench", "-c", "user.email=wsbench@localhost", "commit", "-q", "-m", file);
    }

    private static String git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + out);
        }
        return out;
    }
}
