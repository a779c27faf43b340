/**
 * The conformance suite: SPEC §3 checked case by case against every server impl on the classpath and the two
 * reference servers (Go + gorilla/websocket, Node.js + ws), the proof that they behave identically before the
 * bench compares them. A Java impl runs in this JVM, a reference server as its own process
 * ({@link io.wsbench.conformance.ServerImpl}); a case reads a server only through what both expose: its ports
 * and its admin port ({@link io.wsbench.conformance.ServerUnderTest}).
 *
 * <p>Run {@code mvn test} here (after {@code mvn -q install -DskipTests} at the root), or
 * {@code mvn test -Dwsbench.impls=jetty,netty,ref-go-gorilla} for some. Each case is a
 * {@link io.wsbench.conformance.ForEachImpl} method run once per server; {@link io.wsbench.conformance.ConformanceMatrix} writes the impl × case matrix
 * (pass / fail / not supported, with the close code or status the client saw) to {@code target/conformance.md}.
 *
 * <p>Two clients: the JDK's {@code java.net.http.WebSocket} ({@link io.wsbench.conformance.JdkClient}) for what a
 * correct client does, and {@link io.wsbench.conformance.RawWebSocket} on a bare socket for what it cannot
 * (bad frames, deflate by hand, never answering pings, never reading). Timing is never asserted beyond safe lower
 * bounds; every "eventually" waits up to {@link io.wsbench.conformance.ScaledConfig#EVENTUALLY}.
 *
 * <p>A feature an impl declares in {@code TransportProvider.unsupported()} (a reference server in
 * {@code ReferenceServer.unsupported()}) is not asserted: the case asks
 * {@link io.wsbench.conformance.ConformanceMatrix#supports}, asserts what still applies, and the matrix says
 * "not supported: reason"; JUnit then reports the case as skipped, never as passed.
 */
package io.wsbench.conformance;
