package io.wsbench.bench.result;

import java.util.List;

/**
 * One piece of code an impl's adapter carries because its library has a defect or lacks a feature, as the bench
 * counted it in the adapter's source at run time (a {@code // workaround:} marker pair, see
 * {@code io.wsbench.bench.report.choice.WorkaroundMarkers}). Recorded in results.json so the report's "what the
 * adapter had to add" table regenerates from the file alone, like every other table.
 *
 * @param impl     the impl name ({@code java-websocket})
 * @param name     what it is, in a reader's words ({@code write-demand rescue})
 * @param kind     {@code defect} (the library does it wrong) or {@code missing} (the library has no mechanism)
 * @param upstream the library's issue ({@code TooTallNate/Java-WebSocket#773}), or empty when none names it
 * @param lines    code lines inside the markers: not blank, not only a comment
 * @param places   the source files the markers are in, relative to the impl module
 */
public record Workaround(String impl, String name, String kind, String upstream, int lines, List<String> places) {

    public Workaround {
        upstream = upstream == null ? "" : upstream;
        places = places == null ? List.of() : List.copyOf(places);
    }
}
