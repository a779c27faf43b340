package io.wsbench.ref.go;

import io.wsbench.core.Feature;
import io.wsbench.core.ReferenceServerProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code ref-go-gorilla/target/ref-go-gorilla}: the design notes' stack, a static Go binary on gorilla/websocket. */
public final class GoGorillaServer implements ReferenceServerProvider {
    private static final String BINARY = "target/ref-go-gorilla";

    @Override
    public String name() {
        return "ref-go-gorilla";
    }

    @Override
    public String toolchain() {
        return "Go and gorilla/websocket from Debian: apt-get install -y golang-go golang-github-gorilla-websocket-dev"
                + " golang-github-nats-io-go-nats-dev";
    }

    @Override
    public String builtFile() {
        return BINARY;
    }

    @Override
    public List<String> arguments(Path module) {
        return List.of(module.resolve(BINARY).toString());
    }

    @Override
    public Map<Feature, String> unsupported() {
        return Map.of(Feature.SERVER_CONTEXT_TAKEOVER, "gorilla/websocket 1.5.0 supports only the \"no context"
                        + " takeover\" modes of permessage-deflate (Upgrader.EnableCompression): every answer says"
                        + " server_no_context_takeover; client_no_context_takeover",
                Feature.CLOSE_PAYLOAD_LENGTH, "gorilla/websocket 1.5.0 reads a close payload shorter than 2 bytes as"
                        + " \"no status\" (Conn.advanceFrame) and answers it with an empty close; its close handler"
                        + " gets 1005 for an empty and a 1-byte payload alike, so the server cannot tell them apart");
    }

    /** Go sizes its scheduler by {@code GOMAXPROCS}, read once at start, before the bench pins the process. */
    @Override
    public Map<String, String> processorEnvironment(int processors) {
        return Map.of("GOMAXPROCS", Integer.toString(processors));
    }
}
