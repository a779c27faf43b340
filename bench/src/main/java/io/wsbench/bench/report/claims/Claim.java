package io.wsbench.bench.report.claims;

import io.wsbench.bench.result.RunResult;
import java.util.function.Function;

/**
 * One rule of thumb from the design notes ({@code ../shared/design-notes/}, the Go experiment wsbench grew
 * from), in English, and how a run's figures judge it.
 *
 * @param claim  what the notes say, translated
 * @param source the note and the words it comes from
 * @param judge  reads the run's scenario results; {@link Verdict#notMeasured} when they are not there
 */
public record Claim(String claim, String source, Function<RunResult, Verdict> judge) {

    /**
     * No catch-all here: a judge that throws has a bug, and a bug that read "not measured" would hide a wrong
     * verdict in a table people decide by. Absent figures are the judge's own {@link Verdict#notMeasured}.
     */
    public Verdict judge(RunResult run) {
        return judge.apply(run);
    }
}
