package io.jlvs.internal;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * lvs-core's optional dependencies (docs/dependencies.md): a user of IpvsClient and the netlink
 * clients needs none of them; the director and some health checks do. {@link #require} is called where
 * such a part starts, so that a missing library is one sentence naming the Maven coordinates to add,
 * not a NoClassDefFoundError from deep inside.
 */
public final class Libraries {
    /** One optional library: a class it has, and its Maven coordinates. */
    public record Library(String className, String coordinates) {
    }

    public static final Library JACKSON = new Library("com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.core:jackson-databind");
    public static final Library PROMETHEUS_CORE = new Library("io.prometheus.metrics.core.metrics.Counter",
            "io.prometheus:prometheus-metrics-core");
    public static final Library PROMETHEUS_HTTP = new Library("io.prometheus.metrics.exporter.httpserver.HTTPServer",
            "io.prometheus:prometheus-metrics-exporter-httpserver");
    public static final Library COMMONS_NET = new Library("org.apache.commons.net.smtp.SMTPClient", "commons-net:commons-net");
    public static final Library DNSJAVA = new Library("org.xbill.DNS.Message", "dnsjava:dnsjava");
    public static final Library GUAVA = new Library("com.google.common.net.InetAddresses", "com.google.guava:guava");

    /** What the director needs: the control socket speaks JSON, metrics are Prometheus, lvs.cf has every check and address. */
    public static final List<Library> DIRECTOR = List.of(JACKSON, PROMETHEUS_CORE, PROMETHEUS_HTTP, COMMONS_NET, DNSJAVA,
            GUAVA);

    private Libraries() {
    }

    /**
     * Throws an {@link IllegalStateException} naming {@code part} and the coordinates of every library
     * of {@code libraries} that is not on the class path; returns when all are.
     */
    public static void require(String part, Library... libraries) {
        require(part, Arrays.asList(libraries));
    }

    /** As {@link #require(String, Library...)}. */
    public static void require(String part, List<Library> libraries) {
        List<String> missing = libraries.stream().filter(l -> !present(l.className())).map(Library::coordinates).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(part + " needs " + missing.stream().collect(Collectors.joining(", "))
                    + " on the class path: optional dependencies of io.jlvs:lvs-core, which a user of IpvsClient"
                    + " alone does not need; add them to your build (docs/dependencies.md lists which part needs which)");
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Libraries.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
