package io.wsbench.bench.machine;

import io.wsbench.bench.result.Calibration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fixed CPU load, the same in every run: SHA-256 over a 1 MiB buffer for a few short windows, the median
 * window's MiB/s. It moves when the machine does (a noisy neighbour, frequency scaling, thermal limits), not
 * when the code under test does, so comparing it across a run shows the run's drift.
 */
public final class CpuCalibration {
    private static final int WINDOWS = 7;
    private static final long WINDOW_NANOS = 300_000_000L;

    private CpuCalibration() {
    }

    public static Calibration measure(String when, double atSeconds) {
        byte[] data = new byte[1 << 20];
        new SplittableRandom(1).nextBytes(data);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        // class loading and JIT compilation (SHA-256 reaches its intrinsic only once C2 has compiled the loop) are
        // not the machine's speed: digest for a second before the windows count
        long warm = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warm) {
            sha.digest(data);
        }
        double[] rates = new double[WINDOWS];
        for (int w = 0; w < WINDOWS; w++) {
            long start = System.nanoTime();
            long mib = 0;
            while (System.nanoTime() - start < WINDOW_NANOS) {
                sha.digest(data);
                mib++;
            }
            rates[w] = mib / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        return new Calibration(when, Math.round(atSeconds * 10) / 10.0, rates[WINDOWS / 2], loadAverage());
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
