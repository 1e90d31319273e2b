package io.jlvs.director.internal;

import io.jlvs.config.ConfigException;
import io.jlvs.config.Configuration;
import io.jlvs.config.Diagnostic;
import io.jlvs.config.LvsCfParser;
import io.jlvs.config.ParsedConfiguration;
import io.jlvs.config.VirtualServerConfig;
import io.jlvs.director.ConfigurationRejectedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Piranha's lvs.cf (io.jlvs.config); warnings (unknown keys, ...) are logged, errors reject the
 * file, and so does a pair whose heartbeats would not be authenticated ({@link HeartbeatAuthentication})
 * or a scheduler this kernel has no module for ({@link SchedulerModules}), or check programs that may
 * not run as configured ({@link CheckPrograms}), so that a start, {@code --plan}
 * and a reload refuse it alike before the kernel is touched. One parser for the loader's life: a reload
 * reads again only the virtual blocks that changed.
 */
public final class LvsCfLoader implements ConfigLoader {
    private static final Logger log = LoggerFactory.getLogger(LvsCfLoader.class);

    private final LvsCfParser parser = new LvsCfParser();
    private final SchedulerModules schedulers;
    private final CheckPrograms programs;

    public LvsCfLoader() {
        this(SchedulerModules.ofRunningKernel(), CheckPrograms.ofThisProcess());
    }

    LvsCfLoader(SchedulerModules schedulers) {
        this(schedulers, CheckPrograms.ofThisProcess());
    }

    LvsCfLoader(SchedulerModules schedulers, CheckPrograms programs) {
        this.schedulers = schedulers;
        this.programs = programs;
    }

    @Override
    public Configuration load(Path file) throws ConfigurationRejectedException {
        try {
            return checked(file, parser.read(file));
        } catch (ConfigException e) {
            throw new ConfigurationRejectedException(file, e.errors().stream().map(Diagnostic::toString).toList());
        }
    }

    /** {@link #load(Path)} of {@code text} as if it were {@code file}'s, with a parser of its own (the director's remembers the file). */
    @Override
    public Configuration load(Path file, String text) throws ConfigurationRejectedException {
        try {
            return checked(file, new LvsCfParser().parse(file.toString(), text));
        } catch (ConfigException e) {
            throw new ConfigurationRejectedException(file, e.errors().stream().map(Diagnostic::toString).toList());
        }
    }

    private Configuration checked(Path file, ParsedConfiguration parsed) throws ConfigurationRejectedException {
        for (Diagnostic w : parsed.warnings()) {
            log.warn(Kv.line("event", "config_warning", "warning", w.toString()));
        }
        Configuration config = parsed.configuration();
        // Checked here, not by the parser: an importer or jlvsadm may read a pair's file without its key.
        List<String> problems = new ArrayList<>();
        HeartbeatAuthentication.problems(config.cluster()).forEach(p -> problems.add(file + ": " + p));
        for (VirtualServerConfig v : config.virtualServers()) {
            schedulers.problem(v.scheduler()).ifPresent(p -> problems.add(
                    file + ":" + v.line() + ": scheduler: virtual " + v.name() + ": " + p));
        }
        try {
            problems.addAll(programs.problems(config, file));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add(file + ": interrupted while checking its check programs");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationRejectedException(file, problems);
        }
        return config;
    }
}
