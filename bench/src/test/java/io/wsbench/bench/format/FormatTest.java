package io.wsbench.bench.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Summary;
import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void durationsReadAsSecondsThenMinutes() {
        assertThat(Format.duration(java.time.Duration.ofMillis(41_600))).isEqualTo("42 s");
        assertThat(Format.duration(java.time.Duration.ofSeconds(245))).isEqualTo("4 min 05 s");
    }

    @Test
    void numbersKeepThreeSignificantDigitsAndGroupThousands() {
        assertThat(Format.number(45312.4)).isEqualTo("45,312");
        assertThat(Format.number(312.44)).isEqualTo("312");
        assertThat(Format.number(1.2549)).isEqualTo("1.25");
        assertThat(Format.number(0.041234)).isEqualTo("0.0412");
        assertThat(Format.number(0)).isEqualTo("0");
        assertThat(Format.number(Double.NaN)).isEqualTo("–");
    }

    @Test
    void aSummaryIsTheMedianWithItsInterval() {
        assertThat(Format.summary(new Summary(1500, 1400, 1600.4, 5, 1480, 1530))).isEqualTo("1,500 [1,480–1,530]");
    }

    @Test
    void aWideIntervalSaysHowWide() {
        assertThat(Format.summary(new Summary(1500, 1200, 1800, 3, 1200, 1800))).isEqualTo("1,500 [1,200–1,800] ±20%");
    }

    @Test
    void closeCodesReadAsCodesAndOtherFiguresWithTheirUnit() {
        assertThat(Format.labelled(Metric.closeCode("code", "closed with"), 1009)).isEqualTo("closed with 1009");
        assertThat(Format.labelled(Metric.lower("p99", "p99", "ms"), 12.64)).isEqualTo("p99 12.6 ms");
        assertThat(Format.closeCodes(new Summary(1006, 1006, 1009, 3, 1006, 1009))).isEqualTo("1006 [1006–1009]");
    }

    @Test
    void sizesAndNamesReadAsPeopleWriteThem() {
        assertThat(Format.bytes(64)).isEqualTo("64 B");
        assertThat(Format.bytes(16 * 1024)).isEqualTo("16 KiB");
        assertThat(Format.slug("nginx+tls, 16 KiB")).isEqualTo("nginx-tls-16-kib");
    }
}
