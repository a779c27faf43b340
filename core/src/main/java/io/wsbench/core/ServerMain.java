package io.wsbench.core;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code SERVER_IMPL=jetty java -jar wsbench-server.jar} (or {@code --impl jetty}): runs one notification server
 * until SIGTERM/SIGINT, then closes every client with 1001.
 */
public final class ServerMain {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ServerConfig config;
        try {
            config = parse(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println("error: " + e.getMessage());
            e.getCommandLine().usage(System.err);
            System.exit(2);
            return;
        }
        if (config == null) {
            return; // --help or --version was printed
        }
        NotificationServer server;
        try {
            server = NotificationServer.start(config);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        String scheme = config.tls() ? "wss" : "ws";
        LOG.info("{} ({}) listening on {}://{}:{}{} , admin http://{}:{}/metrics", server.provider().name(),
                server.provider().library(), scheme, config.host(), server.port(), config.path(), config.host(),
                server.adminPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down: closing clients with 1001");
            try {
                server.close();
            } catch (Exception e) {
                LOG.warn("shutdown: {}", e.toString());
            }
            stopped.countDown();
        }, "wsbench-shutdown"));
        stopped.await();
    }

    private static ServerConfig parse(String[] args) {
        ServerOptions options = new ServerOptions();
        CommandLine cli = ServerOptions.commandLine(options, System.getenv());
        CommandLine.ParseResult result = cli.parseArgs(args);
        if (CommandLine.printHelpIfRequested(result)) {
            return null;
        }
        return options.toConfig(cli);
    }
}
