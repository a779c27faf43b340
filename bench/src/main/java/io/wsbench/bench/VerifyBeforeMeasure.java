package io.wsbench.bench;

import io.wsbench.bench.load.EchoLoad;
import io.wsbench.bench.load.ProbeConnection;
import io.wsbench.bench.result.Verification;
import io.wsbench.core.CloseCodes;
import io.wsbench.core.client.ClientFeature;
import io.wsbench.core.client.WsClient;
import java.util.ArrayList;
import java.util.List;

/**
 * TechEmpower's verify mode, small: before any number is taken for an impl, its real server (own JVM, behind
 * the real nginx) must echo text, the JSON echo command and binary, echo every message size the bench sends,
 * close a message over READ_LIMIT with 1009, and echo through nginx and through nginx with TLS, all with the
 * load client the bench measures with. An impl that fails is a failed row with the reason, never a number.
 */
public final class VerifyBeforeMeasure {
    private static final List<Integer> SIZES = List.of(64, 1024, 16 * 1024);

    private VerifyBeforeMeasure() {
    }

    public static Verification check(String impl, BenchSetup setup) {
        List<String> passed = new ArrayList<>();
        try (SystemUnderTest sut = SystemUnderTest.start(setup.topology(impl), setup.pinning(),
                setup.nginxConf())) {
            int readLimit = sut.topology().config().server().readLimit();
            try (WsClient plain = setup.client().create(setup.clientOptions())) {
                try (ProbeConnection p = ProbeConnection.open(plain, sut.uri(Route.DIRECT))) {
                    p.expectTextEcho("hello wsbench", "direct: text echo");
                    p.expectTextEcho("{\"type\":\"echo\",\"payload\":\"verify\"}", "direct: echo command");
                    p.expectBinaryEcho(EchoLoad.text(1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                            "direct: binary echo");
                    for (int size : SIZES) {
                        p.expectTextEcho(EchoLoad.text(size), "direct: " + size + " B echo");
                    }
                    passed.add("direct: text, echo command, binary, 64 B to 16 KiB echoed");
                }
                try (ProbeConnection p = ProbeConnection.open(plain, sut.uri(Route.DIRECT))) {
                    p.expectCloseAfter(EchoLoad.text(readLimit + 1), CloseCodes.MESSAGE_TOO_BIG,
                            "direct: message of READ_LIMIT + 1 bytes");
                    passed.add("direct: READ_LIMIT + 1 bytes closed with 1009");
                }
                try (ProbeConnection p = ProbeConnection.open(plain, sut.uri(Route.NGINX))) {
                    for (int size : SIZES) {
                        p.expectTextEcho(EchoLoad.text(size), "nginx: " + size + " B echo");
                    }
                    passed.add("nginx: 64 B to 16 KiB echoed");
                }
            }
            if (setup.client().unsupported().containsKey(ClientFeature.TLS)) {
                passed.add("nginx+tls: not checked, the load client has no TLS");
            } else {
                try (WsClient tls = setup.client().create(setup.clientOptions().withTls(sut.trust()));
                     ProbeConnection p = ProbeConnection.open(tls, sut.uri(Route.NGINX_TLS))) {
                    for (int size : SIZES) {
                        p.expectTextEcho(EchoLoad.text(size), "nginx+tls: " + size + " B echo");
                    }
                    passed.add("nginx+tls: 64 B to 16 KiB echoed");
                }
            }
            return new Verification(impl, true, "", passed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verification(impl, false, "interrupted", passed);
        } catch (Exception e) {
            return new Verification(impl, false, Reasons.of(e), passed);
        }
    }
}
