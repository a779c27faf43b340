package io.wsbench.core.codec;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The {@link CodecProvider}s on the classpath, by stack name. */
public final class Codecs {
    private Codecs() {
    }

    public static List<CodecProvider> all() {
        return ServiceLoader.load(CodecProvider.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(CodecProvider::name)).toList();
    }

    public static List<String> names() {
        return all().stream().map(CodecProvider::name).toList();
    }

    /** The stack's codecs; empty when its module has none. */
    public static Optional<CodecProvider> find(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
