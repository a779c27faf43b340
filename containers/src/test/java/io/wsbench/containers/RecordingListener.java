package io.wsbench.containers;

import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Keeps what one client connection received, for the tests to wait on. */
final class RecordingListener implements ClientListener {
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    @Override
    public void onText(ClientConnection connection, String text) {
        texts.add(text);
    }

    @Override
    public void onClose(ClientConnection connection, int code, String reason) {
        closeCode.complete(code);
    }

    /** The next text, waiting at most 30 s (a liveness bound, not a speed check). */
    String next() throws InterruptedException {
        String t = texts.poll(30, TimeUnit.SECONDS);
        if (t == null) {
            throw new AssertionError("no message within 30 s");
        }
        return t;
    }
}
