package io.wsbench.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * M {@link LoadAgent} JVMs on this JVM's classpath, and the one owner of them: each is told what to do with
 * {@link #ask} and answers on its stdout. They end when {@link #close()} closes their stdin, when this JVM exits
 * (a shutdown hook does the same) and when it is killed outright, because then the kernel closes the pipes. They
 * inherit this JVM's CPU affinity: the bench pins itself to the load CPUs, so the agents run there too.
 */
public final class LoadAgents implements AutoCloseable {
    private static final Duration START_PATIENCE = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final String END = "\u0000end";
    private static final Set<LoadAgents> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(LoadAgents::close),
                "wsbench-agent-reaper"));
    }

    private final List<Agent> agents;

    private LoadAgents(List<Agent> agents) {
        this.agents = List.copyOf(agents);
    }

    /**
     * Starts {@code count} agents with {@code jvmFlags}, logs in {@code dir} ({@code agent-1.log}, …), and returns
     * once each has said it is ready. Whatever started is stopped again if one fails.
     */
    public static LoadAgents start(int count, List<String> jvmFlags, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Agent> started = new ArrayList<>();
        try {
            for (int i = 1; i <= count; i++) {
                started.add(Agent.start(i, jvmFlags, dir));
            }
            for (Agent a : started) {
                AgentReport ready = a.reply(START_PATIENCE);
                if (!AgentReport.READY.equals(ready.op())) {
                    throw new IOException("load agent " + a.index + " started with " + AgentLines.write(ready));
                }
            }
        } catch (IOException | RuntimeException e) {
            started.forEach(Agent::stop);
            throw e;
        }
        LoadAgents agents = new LoadAgents(started);
        LIVE.add(agents);
        return agents;
    }

    public int size() {
        return agents.size();
    }

    /** The agents' process ids, in order. */
    public List<Long> pids() {
        return agents.stream().map(a -> a.process.pid()).toList();
    }

    /**
     * Sends {@code command.apply(i)} to agent {@code i} (0, 1, …) — every agent first, so they work at once — then
     * collects one answer from each, waiting at most {@code patience} in all.
     *
     * @throws IOException when an agent failed the command, died or did not answer in time (which one, and why)
     */
    public List<AgentReport> ask(IntFunction<AgentCommand> command, Duration patience) throws IOException {
        for (int i = 0; i < agents.size(); i++) {
            agents.get(i).send(command.apply(i));
        }
        long deadline = System.nanoTime() + patience.toNanos();
        List<AgentReport> reports = new ArrayList<>();
        for (Agent a : agents) {
            AgentReport r = a.reply(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (r.error() != null) {
                throw new IOException("load agent " + a.index + ": " + r.error());
            }
            reports.add(r);
        }
        return reports;
    }

    /** Closes every agent's stdin (it halts at once), waits a little, then kills what is left. */
    @Override
    public void close() {
        LIVE.remove(this);
        agents.forEach(Agent::requestStop);
        agents.forEach(Agent::stop);
    }

    /** One agent process: its stdin to write commands to, its stdout read into a queue of lines. */
    private static final class Agent {
        final int index;
        final Process process;
        final Path log;
        final Writer stdin;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Agent(int index, Process process, Path log) {
            this.index = index;
            this.process = process;
            this.log = log;
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        static Agent start(int index, List<String> jvmFlags, Path dir) throws IOException {
            List<String> argv = new ArrayList<>();
            argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            argv.addAll(jvmFlags);
            argv.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadAgent.class.getName()));
            Path log = dir.resolve("agent-" + index + ".log");
            Process process = new ProcessBuilder(argv).redirectError(Redirect.appendTo(log.toFile())).start();
            Agent agent = new Agent(index, process, log);
            Thread reader = new Thread(agent::readAnswers, "wsbench-agent-" + index);
            reader.setDaemon(true);
            reader.start();
            return agent;
        }

        void send(AgentCommand command) throws IOException {
            try {
                stdin.write(AgentLines.write(command) + "\n");
                stdin.flush();
            } catch (IOException e) {
                throw new IOException("load agent " + index + " is gone (" + e.getMessage() + "); " + tail(), e);
            }
        }

        AgentReport reply(Duration patience) throws IOException {
            String line;
            try {
                line = lines.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for load agent " + index, e);
            }
            if (line == null) {
                throw new IOException("load agent " + index + " did not answer within " + patience.toSeconds()
                        + " s (timed out); " + tail());
            }
            if (line.equals(END)) {
                lines.add(END);
                throw new IOException("load agent " + index + " exited; " + tail());
            }
            return AgentLines.read(line, AgentReport.class);
        }

        private void readAnswers() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone; END says so
            }
            lines.add(END);
        }

        void requestStop() {
            try {
                stdin.close();
            } catch (IOException e) {
                // already gone
            }
        }

        void stop() {
            requestStop();
            try {
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }

        /** The last lines of its log, for an error message. */
        private String tail() {
            try {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                return "last lines of " + log + ":\n" + String.join("\n", all.subList(Math.max(0, all.size() - 10),
                        all.size()));
            } catch (IOException e) {
                return "(no log at " + log + ")";
            }
        }
    }
}
