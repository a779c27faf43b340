package io.wsbench.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The SPEC §3 settings as CLI flags, each defaulting to the env var of the same name
 * ({@code --ping-period} ← {@code PING_PERIOD}) and then to the SPEC default. Flags win over env vars.
 */
@Command(name = "wsbench-server", mixinStandardHelpOptions = true,
        description = "A wsbench notification server on one of the compared WebSocket stacks.")
public final class ServerOptions {

    @Option(names = "--impl", description = "Stack to run: netty, jetty, undertow, java-websocket (env SERVER_IMPL)")
    String impl;

    @Option(names = "--ws-host", defaultValue = "127.0.0.1", description = "Bind address (env WS_HOST)")
    String wsHost;

    @Option(names = "--ws-port", defaultValue = "8000", description = "WebSocket port (env WS_PORT)")
    int wsPort;

    @Option(names = "--ws-path", defaultValue = "/ws-notifications", description = "Upgrade path (env WS_PATH)")
    String wsPath;

    @Option(names = "--admin-port", defaultValue = "8001", description = "Admin HTTP port (env ADMIN_PORT)")
    int adminPort;

    @Option(names = "--ping-period", defaultValue = "30s", converter = DurationConverter.class,
            description = "Server ping interval, 0 = off (env PING_PERIOD)")
    Duration pingPeriod;

    @Option(names = "--pong-wait", defaultValue = "60s", converter = DurationConverter.class,
            description = "Close after this long without any frame from the peer (env PONG_WAIT)")
    Duration pongWait;

    @Option(names = "--write-wait", defaultValue = "15s", converter = DurationConverter.class,
            description = "Close when a send cannot complete in this time (env WRITE_WAIT)")
    Duration writeWait;

    @Option(names = "--read-limit", defaultValue = "65536", converter = SizeConverter.class,
            description = "Largest inbound message in bytes, larger closes 1009 (env READ_LIMIT)")
    long readLimit;

    @Option(names = "--max-queued-bytes", defaultValue = "1048576", converter = SizeConverter.class,
            description = "Close a consumer whose unsent data passes this (env MAX_QUEUED_BYTES)")
    long maxQueuedBytes;

    @Option(names = "--compression", defaultValue = "off", description = "permessage-deflate: off|on (env COMPRESSION)")
    String compression;

    @Option(names = "--compression-level", defaultValue = "6", description = "Deflate level 1..9 (env COMPRESSION_LEVEL)")
    int compressionLevel;

    @Option(names = "--tls-cert", description = "PEM certificate for TLS at the backend (env TLS_CERT)")
    Path tlsCert;

    @Option(names = "--tls-key", description = "PEM PKCS#8 private key for TLS at the backend (env TLS_KEY)")
    Path tlsKey;

    @Option(names = "--broker-url", description = "NATS server that carries broadcasts to every replica,"
            + " e.g. nats://127.0.0.1:4222; unset = this replica only (env BROKER_URL)")
    String brokerUrl;

    @Option(names = "--broker-subject", defaultValue = BrokerSettings.DEFAULT_SUBJECT,
            description = "NATS subject the replicas share (env BROKER_SUBJECT)")
    String brokerSubject;

    /**
     * Parses flags over the given environment.
     *
     * @throws CommandLine.ParameterException on a bad flag or value, with a message naming it
     */
    public static ServerConfig parse(String[] args, Map<String, String> env) {
        ServerOptions options = new ServerOptions();
        CommandLine cli = commandLine(options, env);
        cli.parseArgs(args);
        return options.toConfig(cli);
    }

    static CommandLine commandLine(ServerOptions options, Map<String, String> env) {
        CommandLine cli = new CommandLine(options);
        cli.setDefaultValueProvider(argSpec -> {
            if (!(argSpec instanceof CommandLine.Model.OptionSpec option)) {
                return null;
            }
            String value = env.get(envName(option.longestName()));
            return value == null || value.isBlank() ? argSpec.defaultValue() : value.trim();
        });
        return cli;
    }

    /** {@code --ping-period} → {@code PING_PERIOD}; {@code --impl} → {@code SERVER_IMPL}. */
    static String envName(String flag) {
        if (flag.equals("--impl")) {
            return "SERVER_IMPL";
        }
        return flag.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    ServerConfig toConfig(CommandLine cli) {
        boolean compressionOn = switch (compression.toLowerCase(Locale.ROOT)) {
            case "on", "true", "1" -> true;
            case "off", "false", "0" -> false;
            default -> throw new CommandLine.ParameterException(cli,
                    "COMPRESSION must be off or on, got '" + compression + "'");
        };
        if (readLimit > Integer.MAX_VALUE - 8) {
            throw new CommandLine.ParameterException(cli, "READ_LIMIT too large: " + readLimit);
        }
        try {
            return new ServerConfig(impl, wsHost, wsPort, wsPath, adminPort, pingPeriod, pongWait, writeWait,
                    (int) readLimit, maxQueuedBytes, compressionOn, compressionLevel, tlsCert, tlsKey,
                    new BrokerSettings(brokerUrl, brokerSubject));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
    }

    /** Go-style durations, as in the design notes: {@code 200ms}, {@code 30s}, {@code 1m}; a bare number is seconds. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

        @Override
        public Duration convert(String value) {
            Matcher m = FORMAT.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration (examples: 200ms, 30s, 1m)");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
    }

    /** Byte sizes: {@code 65536}, {@code 64k}, {@code 1m}, {@code 10MiB}. */
    static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
        private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(k|kb|kib|m|mb|mib|g|gb|gib)?");

        @Override
        public Long convert(String value) {
            Matcher m = FORMAT.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a byte size (examples: 65536, 64k, 1m)");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "" : m.group(2).substring(0, 1);
            return switch (unit) {
                case "k" -> n * 1024;
                case "m" -> n * 1024 * 1024;
                case "g" -> n * 1024 * 1024 * 1024;
                default -> n;
            };
        }
    }
}
