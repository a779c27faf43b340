package io.wsbench.bench.report.claims;

import io.wsbench.bench.format.Format;

/**
 * A bound a judge compares a figure with. The judge reads {@link #value()} from the same constant the claims
 * table's legend prints, so the legend cannot drift from what decided a verdict.
 *
 * @param name    what the legend calls it: {@code a few KB}, {@code on time}
 * @param value   the bound itself, in the unit its figure has
 * @param shown   the value as the legend prints it: {@code 16 KiB}, {@code ×1.2}, {@code 90%}
 * @param meaning how a judge uses it, in a sentence
 */
public record Threshold(String name, double value, String shown, String meaning) {

    static Threshold bytes(String name, double bytes, String meaning) {
        return new Threshold(name, bytes, Format.size(bytes), meaning);
    }

    static Threshold factor(String name, double factor, String meaning) {
        return new Threshold(name, factor, "×" + Format.number(factor), meaning);
    }

    static Threshold percent(String name, double percent, String meaning) {
        return new Threshold(name, percent, Format.number(percent) + "%", meaning);
    }

    static Threshold count(String name, double count, String meaning) {
        return new Threshold(name, count, String.format("%,d", Math.round(count)), meaning);
    }

    /** {@code **on time** = ×1.2: a close this late …}. */
    public String legend() {
        return "**" + name + "** = " + shown + ": " + meaning;
    }
}
