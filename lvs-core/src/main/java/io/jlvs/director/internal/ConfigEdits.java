package io.jlvs.director.internal;

import io.jlvs.config.ConfigException;
import io.jlvs.config.Configuration;
import io.jlvs.config.Diagnostic;
import io.jlvs.config.LvsCf;
import io.jlvs.director.ConfigurationRejectedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control socket's editing of lvs.cf ({@code config}, {@code plan} with a text, {@code apply-config}),
 * so that a client without root (the web console) changes the file only through the director: the text
 * is validated by the director's own loader, exactly as {@code jlvsd --check} and a reload read it, the
 * plan is the director's, and the file is written by {@link ConfigFile#replace} under one lock, only if
 * nobody changed it since the client read it.
 */
public final class ConfigEdits {
    private static final Logger log = LoggerFactory.getLogger(ConfigEdits.class);
    /** The largest lvs.cf the control socket carries (UTF-8 bytes); larger files are edited on the director. */
    public static final int MAX_CONFIG_BYTES = 1024 * 1024;

    /** What the edits need of a director. */
    public interface Director {
        /** Validates {@code text} as the file {@code file} would be read; throws with every problem. */
        Configuration check(Path file, String text) throws ConfigurationRejectedException;

        /** The kernel operations a reload to {@code proposed} would make now, one line each, nothing done. */
        List<String> plan(Configuration proposed);

        /** The restart-only settings {@code proposed} changes from those the director started with. */
        List<String> restartNeeded(Configuration proposed);

        /** Reloads the file on disk; returns the operations applied. */
        int reload() throws ConfigurationRejectedException;

        /**
         * The failover peers, one line each (none for a director alone): an edit made here does not reach
         * them, and {@code config} says so to its client without the cost of a whole {@code status}.
         */
        default List<String> peers() {
            return List.of();
        }
    }

    private final ConfigFile file;
    private final Director director;
    /** One apply at a time: the hash check, the write and the reload are one step for other clients. */
    private final ReentrantLock applying = new ReentrantLock();

    public ConfigEdits(ConfigFile file, Director director) {
        this.file = file;
        this.director = director;
    }

    /** {@code config}: the file's name, text and SHA-256, and the failover peers an edit does not reach. */
    public Map<String, Object> current() throws IOException {
        ConfigFile.Snapshot s = snapshot();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", file.path().toString());
        out.put("sha256", s.sha256());
        out.put("text", s.text());
        out.put("peers", director.peers());
        return out;
    }

    /**
     * {@code plan} with a text: {@code valid:false} and every diagnostic, or {@code valid:true}, the
     * operations, the restart-only settings that would change and the parser's warnings (unknown keys,
     * ...: what jlvsd would log on the reload). Changes nothing.
     */
    public Map<String, Object> plan(String text) {
        checkSize(text);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sha256", ConfigFile.sha256(text));
        Configuration proposed;
        try {
            proposed = director.check(file.path(), text);
        } catch (ConfigurationRejectedException e) {
            out.put("valid", false);
            out.put("diagnostics", e.problems());
            return out;
        }
        out.put("valid", true);
        out.put("warnings", warnings(text));
        out.put("operations", director.plan(proposed));
        out.put("restart_needed", director.restartNeeded(proposed));
        return out;
    }

    /**
     * The warnings of a text the director's check accepted. The check logs them (as a reload does) and
     * returns the configuration only, so the text is parsed once more for them: a plan is an operator's
     * request, not a hot path.
     */
    private List<String> warnings(String text) {
        try {
            return LvsCf.parse(file.path().toString(), text).warnings().stream().map(Diagnostic::toString).toList();
        } catch (ConfigException e) {
            return List.of();   // not reached: the director's check parsed the same text
        }
    }

    /**
     * {@code apply-config}: writes {@code text} and reloads, if the file still has {@code baseSha256} and
     * the text is valid. A refusal changes nothing; a reload that refuses the written file puts the old
     * one back.
     */
    public Map<String, Object> apply(String text, String baseSha256) throws ConfigurationRejectedException, IOException {
        checkSize(text);
        applying.lock();
        try {
            ConfigFile.Snapshot now = snapshot();
            if (!now.sha256().equals(baseSha256)) {
                throw new IllegalArgumentException(file.path() + " changed since this edit started from it (its SHA-256 was "
                        + baseSha256 + ", it is now " + now.sha256() + "): someone else changed it; read it again and"
                        + " redo the edit. Nothing was written");
            }
            Configuration proposed = director.check(file.path(), text);
            Map<String, Object> out = new LinkedHashMap<>();
            if (now.text().equals(text)) {
                out.put("changed", false);
                out.put("sha256", now.sha256());
                out.put("operations", 0);
                out.put("restart_needed", director.restartNeeded(proposed));
                return out;
            }
            String written;
            try {
                written = file.replace(text);
            } catch (IOException e) {
                throw new IOException("cannot write " + file.path() + " (" + e.getMessage() + "); the old file is in place"
                        + " and nothing was applied", e);
            }
            int operations;
            try {
                operations = director.reload();
            } catch (ConfigurationRejectedException e) {
                file.restorePrevious();
                log.error(Kv.line("event", "config_apply", "result", "reload_refused", "config", file.path(),
                        "error", e.getMessage()));
                throw e;
            }
            log.info(Kv.line("event", "config_apply", "result", "ok", "config", file.path(), "sha256", written,
                    "previous", now.sha256(), "operations", operations));
            out.put("changed", true);
            out.put("sha256", written);
            out.put("previous", file.previous().toString());
            out.put("operations", operations);
            out.put("restart_needed", director.restartNeeded(proposed));
            return out;
        } finally {
            applying.unlock();
        }
    }

    private ConfigFile.Snapshot snapshot() throws IOException {
        ConfigFile.Snapshot s;
        try {
            s = file.read();
        } catch (IOException e) {
            throw new IOException("cannot read " + file.path() + ": " + e.getMessage(), e);
        }
        if (s.text().length() > MAX_CONFIG_BYTES || ConfigFile.encode(s.text()).length > MAX_CONFIG_BYTES) {
            throw new IllegalArgumentException(file.path() + " is larger than the control socket carries (" + MAX_CONFIG_BYTES
                    + " bytes): edit it on the director and reload");
        }
        return s;
    }

    private static void checkSize(String text) {
        if (text.length() > MAX_CONFIG_BYTES || ConfigFile.encode(text).length > MAX_CONFIG_BYTES) {
            throw new IllegalArgumentException("the configuration text is larger than " + MAX_CONFIG_BYTES + " bytes");
        }
    }
}
