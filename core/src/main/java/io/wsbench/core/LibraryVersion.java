package io.wsbench.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** A library's version as its own jar states it, for the results' library column (servers and load clients). */
public final class LibraryVersion {
    private LibraryVersion() {
    }

    /**
     * From the jar's Maven metadata ({@code META-INF/maven/<group>/<artifact>/pom.properties}: some jars, like
     * Java-WebSocket's, write the version nowhere else), else its manifest's Implementation-Version, else
     * {@code unknown}.
     *
     * @param fromTheJar any class of the library, to find its jar
     */
    public static String of(Class<?> fromTheJar, String groupId, String artifactId) {
        String pomProperties = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = fromTheJar.getResourceAsStream(pomProperties)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String v = fromTheJar.getPackage().getImplementationVersion();
        return v != null ? v : "unknown";
    }
}
