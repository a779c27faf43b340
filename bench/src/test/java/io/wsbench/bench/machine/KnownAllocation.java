package io.wsbench.bench.machine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM that allocates what it is told on stdin, so a test can check the memory readings against a known amount:
 * {@code heap N} keeps a touched byte[] of N MiB, {@code native N} a touched direct buffer of N MiB; it answers
 * {@code done} after each and {@code ready} at start.
 */
public final class KnownAllocation {
    private static final int PAGE = 4096;

    private KnownAllocation() {
    }

    public static void main(String[] args) throws Exception {
        List<Object> kept = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        System.out.println("ready");
        System.out.flush();
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.split(" ");
            int bytes = Integer.parseInt(words[1]) << 20;
            if (words[0].equals("heap")) {
                byte[] array = new byte[bytes];
                for (int i = 0; i < bytes; i += PAGE) {
                    array[i] = 1;
                }
                kept.add(array);
            } else {
                ByteBuffer buffer = ByteBuffer.allocateDirect(bytes);
                for (int i = 0; i < bytes; i += PAGE) {
                    buffer.put(i, (byte) 1);
                }
                kept.add(buffer);
            }
            System.out.println("done");
            System.out.flush();
        }
    }
}
