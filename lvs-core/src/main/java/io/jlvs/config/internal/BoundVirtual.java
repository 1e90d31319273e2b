package io.jlvs.config.internal;

import io.jlvs.config.Diagnostic;
import io.jlvs.config.VirtualServerConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A virtual block bound to its record, with what the whole-file checks and the next parse need of
 * it.
 *
 * @param config the record
 * @param keyLines the line of each key the whole-file checks name ({@link #WHOLE_FILE_KEYS}), the
 *     last one when a key is set twice; a key not set is absent
 * @param warnings what binding the block reported
 * @param block the block it was bound from; for a block unchanged since an earlier parse, the
 *     reader's stand-in without entries ({@link #reused()})
 */
public record BoundVirtual(VirtualServerConfig config, Map<String, Integer> keyLines, List<Diagnostic> warnings,
        RawBlock block) {

    /** The virtual keys the whole-file checks point their errors at. */
    static final Set<String> WHOLE_FILE_KEYS = Set.of("address", "forward", "fwmark", "tunnel_type");

    public BoundVirtual {
        keyLines = Map.copyOf(keyLines);
        warnings = List.copyOf(warnings);
    }

    /** Whether the block was taken over from an earlier parse: its per-block checks passed then. */
    public boolean reused() {
        return block.reused();
    }

    /** The line of {@code key} in the block, else the block's first line. */
    int keyLine(String key) {
        return keyLines.getOrDefault(key, config.line());
    }
}
