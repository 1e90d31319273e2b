package io.jlvs.config;

import io.jlvs.config.internal.LvsCfWriter;
import java.nio.file.Path;

/**
 * Reads and writes Piranha's lvs.cf. The keys, their defaults and jLVS's extensions are in
 * docs/lvs.cf.md.
 *
 * <pre>{@code
 * ParsedConfiguration parsed = LvsCf.read(Path.of("/etc/sysconfig/ha/lvs.cf"));
 * parsed.warnings().forEach(w -> log.warn("{}", w));
 * Configuration config = parsed.configuration();
 * }</pre>
 */
public final class LvsCf {
    private LvsCf() {}

    /** Reads and validates a file; the diagnostics name it as given. */
    public static ParsedConfiguration read(Path file) throws ConfigException {
        return new LvsCfParser().read(file);
    }

    /**
     * Parses and validates lvs.cf text. All problems are collected; if any is an error, a
     * ConfigException lists every one of them. To parse the same file again and again (reloads),
     * keep one {@link LvsCfParser}: it reads again only the virtual blocks that changed.
     *
     * @param fileName used in diagnostics and as {@link Configuration#source()}
     */
    public static ParsedConfiguration parse(String fileName, String text) throws ConfigException {
        return new LvsCfParser().parse(fileName, text);
    }

    /** The configuration as lvs.cf text; {@link #parse} of it gives an equal configuration, line numbers aside. */
    public static String write(Configuration configuration) {
        return LvsCfWriter.write(configuration);
    }
}
