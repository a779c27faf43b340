package io.wsbench.topology;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code nginx/nginx.conf.template} and its one rule: {@code ${NAME}} (upper case) is a placeholder, and every
 * placeholder must be given a value. {@code nginx/render-conf.sh} applies the same rule, so the file needs
 * nothing from this launcher, and nginx's own {@code $variables} pass through untouched.
 */
final class NginxTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    private final String text;

    NginxTemplate(String text) {
        this.text = text;
    }

    /** The copy of {@code nginx/nginx.conf.template} the build puts on the classpath. */
    static NginxTemplate bundled() throws IOException {
        return new NginxTemplate(resource("nginx.conf.template"));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = NginxTemplate.class.getResourceAsStream("nginx/" + name)) {
            if (in == null) {
                throw new IOException("nginx/" + name + " is not on the classpath (the topology module copies it"
                        + " from the repository's nginx/ directory at build time)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    Set<String> placeholders() {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** @throws IllegalArgumentException naming every placeholder {@code values} leaves out */
    String render(Map<String, String> values) {
        Set<String> missing = new TreeSet<>(placeholders());
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no value for nginx template placeholder(s) " + missing);
        }
        return PLACEHOLDER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(values.get(m.group(1))));
    }
}
