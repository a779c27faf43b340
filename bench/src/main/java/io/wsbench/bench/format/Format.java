package io.wsbench.bench.format;

import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Summary;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/** How figures are written in tables and progress lines: three significant digits, thousands grouped. */
public final class Format {
    private Format() {
    }

    /** {@code 45,312}, {@code 312}, {@code 1.25}, {@code 0.0412}. */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "–";
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /**
     * {@code 45,312 [44,900–46,001]}: the median and its 95% interval; {@code 45,312 [40,100–51,000] ±12%} when
     * the interval is wider than ±5% (the runner's target, reached or not within the profile's repetitions).
     */
    public static String summary(Summary s) {
        String cell = number(s.median()) + " [" + number(s.ciLow()) + "–" + number(s.ciHigh()) + "]";
        return s.wide() ? cell + " ±" + Math.round(s.relativeHalfWidth() * 100) + "%" : cell;
    }

    /** Close codes: {@code 1009}, or {@code 1009 [1006–1009]} when the repetitions differ. */
    public static String closeCodes(Summary s) {
        String median = Long.toString(Math.round(s.median()));
        return s.min() == s.max() ? median : median + " [" + Math.round(s.min()) + "–" + Math.round(s.max()) + "]";
    }

    /** One figure with its unit, as progress lines print it: {@code p99 12.6 ms}, {@code closed with 1009}. */
    public static String labelled(Metric m, double value) {
        if (m.isCloseCode()) {
            return m.label() + " " + Math.round(value);
        }
        return m.label() + " " + number(value) + (m.unit().isEmpty() ? "" : " " + m.unit());
    }

    /** {@code ×0.85}. */
    public static String ratio(double r) {
        return String.format(Locale.ROOT, "×%.2f", r);
    }

    /** A ratio as a percentage: {@code 42%}, {@code 107%}, {@code 4.2%} (one decimal below 10%). */
    public static String percent(double r) {
        double p = r * 100;
        return p < 10 ? String.format(Locale.ROOT, "%.1f%%", p) : String.format(Locale.ROOT, "%.0f%%", p);
    }

    /** {@code 64 B}, {@code 1 KiB}, {@code 16 KiB}, {@code 1 MiB}. */
    /** {@code 42 s}, {@code 4 min 05 s}: progress lines and the time a run took. */
    public static String duration(Duration d) {
        long s = Math.round(d.toMillis() / 1000.0);
        return s < 60 ? s + " s" : String.format("%d min %02d s", s / 60, s % 60);
    }

    /** An approximate size, three significant digits in the largest unit that keeps it ≥ 1: {@code 4.46 KiB}. */
    public static String size(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int unit = 0;
        while (Math.abs(v) >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return number(v) + " " + units[unit];
    }

    public static String bytes(long n) {
        if (n >= 1024 * 1024 && n % (1024 * 1024) == 0) {
            return n / (1024 * 1024) + " MiB";
        }
        if (n >= 1024 && n % 1024 == 0) {
            return n / 1024 + " KiB";
        }
        return n + " B";
    }

    /** A file-name-safe form: {@code "nginx+tls, 16 KiB"} → {@code nginx-tls-16-kib}. */
    public static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return s.replaceAll("^-+|-+$", "");
    }
}
