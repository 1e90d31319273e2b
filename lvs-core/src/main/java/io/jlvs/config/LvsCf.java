package io.jlvs.config;

import io.jlvs.config.internal.ConfigValidator;
import io.jlvs.config.internal.LvsCfBinder;
import io.jlvs.config.internal.LvsCfReader;
import io.jlvs.config.internal.LvsCfWriter;
import io.jlvs.config.internal.Problems;
import io.jlvs.config.internal.RawBlock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(Diagnostic.error(file.toString(), 0, "",
                    "cannot read: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        return parse(file.toString(), text);
    }

    /**
     * Parses and validates lvs.cf text. All problems are collected; if any is an error, a
     * ConfigException lists every one of them.
     *
     * @param fileName used in diagnostics and as {@link Configuration#source()}
     */
    public static ParsedConfiguration parse(String fileName, String text) throws ConfigException {
        Problems problems = new Problems(fileName);
        RawBlock root = LvsCfReader.read(text, problems);
        LvsCfBinder binder = new LvsCfBinder(problems);
        LvsCfBinder.Global global = binder.global(root);
        List<VirtualServerConfig> virtuals = binder.virtuals(root);
        new ConfigValidator(problems, root).validate(global, virtuals);
        problems.throwIfErrors();
        return new ParsedConfiguration(new Configuration(fileName, global.settings(), virtuals), problems.warnings());
    }

    /** The configuration as lvs.cf text; {@link #parse} of it gives an equal configuration, line numbers aside. */
    public static String write(Configuration configuration) {
        return LvsCfWriter.write(configuration);
    }
}
