package io.wsbench.bench.report.claims;

/**
 * How this run's figures judge one claim: the judgement and the figures it rests on, as a reader would check
 * them against the scenario tables.
 */
public record Verdict(Judgement judgement, String figures) {

    /** The answers the report gives, each with what it means in the claims table's legend. */
    public enum Judgement {
        HOLDS("holds", "every impl's figures agree with the claim"),
        PARTLY("holds in part", "some impls' figures agree, or one part of the claim holds and another does not"),
        IN_ISOLATION("holds only in isolation", "no server shows it, only a micro-benchmark of the library code"
                + " alone does"),
        EXTRAPOLATED("extrapolated", "the figure was multiplied up from a smaller measurement, not measured at the"
                + " claim's scale; the multiplication is shown"),
        DOES_NOT_HOLD("does not hold", "no impl's figures agree with the claim"),
        NOT_MEASURED("not measured", "the figures are absent: the scenario was not run, or every impl failed or"
                + " skipped the cells it needs");

        private final String text;
        private final String meaning;

        Judgement(String text, String meaning) {
            this.text = text;
            this.meaning = meaning;
        }

        public String text() {
            return text;
        }

        public String meaning() {
            return meaning;
        }
    }

    public static Verdict holds(String figures) {
        return new Verdict(Judgement.HOLDS, figures);
    }

    public static Verdict partly(String figures) {
        return new Verdict(Judgement.PARTLY, figures);
    }

    /** The servers show nothing; only the library's code measured alone (JMH) agrees. */
    public static Verdict inIsolation(String figures) {
        return new Verdict(Judgement.IN_ISOLATION, figures);
    }

    /** @param figures what was measured and the multiplication that reached the claim's scale */
    public static Verdict extrapolated(String figures) {
        return new Verdict(Judgement.EXTRAPOLATED, figures);
    }

    public static Verdict doesNotHold(String figures) {
        return new Verdict(Judgement.DOES_NOT_HOLD, figures);
    }

    /** @param why what is missing: the scenario not run, or no impl measured it */
    public static Verdict notMeasured(String why) {
        return new Verdict(Judgement.NOT_MEASURED, why);
    }

    /** All agree: holds; none: does not hold; some: holds in part. */
    static Verdict byCount(long agree, long of, String figures) {
        if (agree == of) {
            return holds(figures);
        }
        return agree == 0 ? doesNotHold(figures) : partly(figures);
    }
}
