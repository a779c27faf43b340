package io.wsbench.bench.load;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The line protocol between the bench and its {@link LoadAgent}s: one JSON object a line on the agent's stdin
 * ({@link AgentCommand}) and stdout ({@link AgentReport}); empty members left out. Lines, not a socket, so an agent
 * needs no port and notices the bench's end as the end of its stdin.
 */
public final class AgentLines {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private AgentLines() {
    }

    /** One line, without the line break. */
    public static String write(Object message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + message, e);
        }
    }

    /** @throws IOException naming the line when it is not a {@code type} */
    public static <T> T read(String line, Class<T> type) throws IOException {
        try {
            return JSON.readValue(line, type);
        } catch (JsonProcessingException e) {
            throw new IOException("not a " + type.getSimpleName() + " line: " + line, e);
        }
    }
}
