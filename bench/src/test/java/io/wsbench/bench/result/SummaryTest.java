package io.wsbench.bench.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValueWithMinAndMax() {
        Summary s = Summary.of(List.of(30.0, 10.0, 20.0));
        assertThat(s).isEqualTo(new Summary(20.0, 10.0, 30.0, 3));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Summary.of(List.of(1.0, 4.0, 2.0, 3.0)).median()).isEqualTo(2.5);
    }

    @Test
    void aFailedRowHasNoNumbersEvenWhenSomeRepetitionsRan() {
        Row row = new Row("jetty", Variant.of("size", "64 B"), Status.FAILED, "closed 1006", false,
                List.of(new Repetition(1, Map.of("msgs_per_s", 100.0), Map.of())), List.of());
        assertThat(row.summary("msgs_per_s")).isEmpty();
        assertThat(row.summaries()).isEmpty();
    }
}
