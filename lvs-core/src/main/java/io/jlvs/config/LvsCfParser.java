package io.jlvs.config;

import io.jlvs.config.internal.BoundVirtual;
import io.jlvs.config.internal.ConfigText;
import io.jlvs.config.internal.ConfigValidator;
import io.jlvs.config.internal.LvsCfBinder;
import io.jlvs.config.internal.LvsCfReader;
import io.jlvs.config.internal.ParseMemory;
import io.jlvs.config.internal.Problems;
import io.jlvs.config.internal.RawBlock;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Parses lvs.cf again and again, as a director does on every reload, at the cost of what changed.
 * It remembers the virtual blocks of its last successful parse; a block that is still there with
 * the same text from the same line on, under the same {@code network}, gives the same
 * {@link VirtualServerConfig} instance and the same warnings without being read, bound or checked
 * again. The checks across blocks (unique names, one active virtual per kernel service,
 * {@code nat_router} for NAT) run over every block each time, so the result, warnings and errors
 * included, is always what {@link LvsCf#parse} gives for the same text. A parse that fails leaves
 * the memory as it was.
 *
 * <p>Safe to share between threads: the memory is one immutable snapshot, replaced whole.
 */
public final class LvsCfParser {
    private volatile ParseMemory memory = ParseMemory.EMPTY;

    /** Reads and validates a file, as {@link LvsCf#read}. */
    public ParsedConfiguration read(Path file) throws ConfigException {
        String text = ConfigText.read(file);
        return parse(file.toString(), text);
    }

    /**
     * Parses and validates lvs.cf text, as {@link LvsCf#parse}.
     *
     * @param fileName used in diagnostics and as {@link Configuration#source()}
     */
    public ParsedConfiguration parse(String fileName, String text) throws ConfigException {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(text, "text");
        ParseMemory known = memory.forFile(fileName);
        Problems problems = new Problems(fileName);
        RawBlock root = LvsCfReader.read(text, problems, known);
        LvsCfBinder binder = new LvsCfBinder(problems);
        LvsCfBinder.Global global = binder.global(root);
        NetworkMode network = global.settings().network();
        if (!known.checkedUnder(network) && root.children().stream().anyMatch(RawBlock::reused)) {
            // The remembered blocks' server families were checked under another network; the
            // global keys may sit anywhere in the file, so this is only known after reading it all.
            problems = new Problems(fileName);
            root = LvsCfReader.read(text, problems);
            binder = new LvsCfBinder(problems);
            global = binder.global(root);
        }
        List<BoundVirtual> virtuals = binder.virtuals(root);
        new ConfigValidator(problems, root).validate(global, virtuals);
        problems.throwIfErrors();
        memory = ParseMemory.of(fileName, network, text, virtuals);
        return new ParsedConfiguration(new Configuration(fileName, global.settings(),
                virtuals.stream().map(BoundVirtual::config).toList()), problems.warnings());
    }
}
