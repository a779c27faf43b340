package io.wsbench.ref.node;

import io.wsbench.core.ReferenceServerProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code node ref-node-ws/target/ref-node-ws/server.js}, with ws installed beside it by {@code npm ci}. Node.js
 * runs its JavaScript on one event loop whatever the CPUs, so it needs no processor environment.
 */
public final class NodeWsServer implements ReferenceServerProvider {
    private static final String LAID_OUT = "target/ref-node-ws";

    @Override
    public String name() {
        return "ref-node-ws";
    }

    @Override
    public String toolchain() {
        return "Node.js and npm: apt-get install -y nodejs npm";
    }

    @Override
    public String builtFile() {
        return LAID_OUT + "/node_modules/ws/package.json";
    }

    @Override
    public List<String> arguments(Path module) {
        return List.of(module.resolve(LAID_OUT + "/server.js").toString());
    }

    @Override
    public Optional<Runtime> runtime() {
        return Optional.of(new Runtime("NODE_BIN", "node", List.of("/usr/bin/node", "/usr/local/bin/node")));
    }
}
