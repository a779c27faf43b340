package io.wsbench.bench;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns an exception into the one-line reason a failed row shows. */
public final class Reasons {
    private static final int MAX = 300;

    private Reasons() {
    }

    public static String of(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        String text = message == null || message.isBlank() ? t.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message).strip();
        if (t.getCause() != null && t.getCause().getMessage() != null && !text.contains(t.getCause().getMessage())
                && text.length() < 80) {
            text += " (" + t.getCause().getMessage().lines().findFirst().orElse("").strip() + ")";
        }
        return text.length() <= MAX ? text : text.substring(0, MAX - 1) + "…";
    }
}
