package io.wsbench.impl.jetty;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * Upgrades to WebSocket at exactly {@code WS_PATH} (SPEC §3.1). Jetty's path mappings would treat "/" or
 * "/x/*" as prefixes, so the path is compared here and the container's direct {@code upgrade} does the rest.
 * Other paths are left unhandled and Jetty answers 404 itself. A plain GET at the path is not an upgrade
 * Jetty acts on (it passes the request on), so it gets 426 Upgrade Required here (RFC 6455 §4.2.2).
 */
final class UpgradeAtPath extends Handler.Abstract {
    private final String path;
    private final ServerWebSocketContainer container;
    private final WebSocketCreator creator;

    UpgradeAtPath(String path, ServerWebSocketContainer container, WebSocketCreator creator) {
        super(container.getInvocationType());
        this.path = path;
        this.container = container;
        this.creator = creator;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!path.equals(Request.getPathInContext(request))) {
            return false;
        }
        if (container.upgrade(creator, request, response, callback)) {
            return true;
        }
        response.setStatus(HttpStatus.UPGRADE_REQUIRED_426);
        response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
        response.getHeaders().put(HttpHeader.SEC_WEBSOCKET_VERSION, "13");
        Content.Sink.write(response, true, "WebSocket endpoint: send an Upgrade: websocket request\n", callback);
        return true;
    }
}
