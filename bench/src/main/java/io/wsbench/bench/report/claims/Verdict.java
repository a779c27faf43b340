package io.wsbench.bench.report.claims;

/**
 * How this run's figures judge one claim: the judgement and the figures it rests on, as a reader would check
 * them against the scenario tables.
 */
public record Verdict(Judgement judgement, String figures) {

    /** The four answers the report gives. */
    public enum Judgement {
        HOLDS("holds"),
        PARTLY("holds in part"),
        DOES_NOT_HOLD("does not hold"),
        NOT_MEASURED("not measured"),
        EXTRAPOLATED("extrapolated");

        private final String text;

        Judgement(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public static Verdict holds(String figures) {
        return new Verdict(Judgement.HOLDS, figures);
    }

    public static Verdict partly(String figures) {
        return new Verdict(Judgement.PARTLY, figures);
    }

    public static Verdict doesNotHold(String figures) {
        return new Verdict(Judgement.DOES_NOT_HOLD, figures);
    }

    /** @param figures the measured figure and the multiplication that carries it to what was not measured */
    public static Verdict extrapolated(String figures) {
        return new Verdict(Judgement.EXTRAPOLATED, figures);
    }

    /** @param why what is missing: the scenario not run, or no impl measured it */
    public static Verdict notMeasured(String why) {
        return new Verdict(Judgement.NOT_MEASURED, why);
    }
}
