package io.jlvs.director.internal;

import io.jlvs.config.ConfigException;
import io.jlvs.config.Configuration;
import io.jlvs.config.Diagnostic;
import io.jlvs.config.LvsCfParser;
import io.jlvs.config.ParsedConfiguration;
import io.jlvs.director.ConfigurationRejectedException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Piranha's lvs.cf (io.jlvs.config); warnings (unknown keys, ...) are logged, errors reject the
 * file, and so does a pair whose heartbeats would not be authenticated ({@link HeartbeatAuthentication}). One parser for the loader's life: a reload reads again only the virtual blocks that changed.
 */
public final class LvsCfLoader implements ConfigLoader {
    private static final Logger log = LoggerFactory.getLogger(LvsCfLoader.class);

    private final LvsCfParser parser = new LvsCfParser();

    @Override
    public Configuration load(Path file) throws ConfigurationRejectedException {
        try {
            ParsedConfiguration parsed = parser.read(file);
            for (Diagnostic w : parsed.warnings()) {
                log.warn(Kv.line("event", "config_warning", "warning", w.toString()));
            }
            Configuration config = parsed.configuration();
            // Checked here, not by the parser: an importer or jlvsadm may read a pair's file without its key.
            List<String> auth = HeartbeatAuthentication.problems(config.cluster());
            if (!auth.isEmpty()) {
                throw new ConfigurationRejectedException(file, auth.stream().map(p -> file + ": " + p).toList());
            }
            return config;
        } catch (ConfigException e) {
            throw new ConfigurationRejectedException(file, e.errors().stream().map(Diagnostic::toString).toList());
        }
    }
}
