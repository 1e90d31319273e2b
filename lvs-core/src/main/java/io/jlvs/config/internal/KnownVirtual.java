package io.jlvs.config.internal;

import io.jlvs.config.Diagnostic;
import io.jlvs.config.VirtualServerConfig;
import java.util.List;
import java.util.Map;

/**
 * A virtual block as a successful parse left it: where its text lies in that parse's file, and
 * everything reading, binding and the per-block checks produced from it.
 *
 * @param start offset of its header line in the remembered text
 * @param end offset just past its closing line (the text's length + 1 when that line had no newline)
 * @param lastLine the line of its closing brace
 * @param config the record bound from it
 * @param keyLines see {@link BoundVirtual#keyLines()}
 * @param warnings the warnings binding it reported, in the order reported
 */
record KnownVirtual(int start, int end, int lastLine, VirtualServerConfig config, Map<String, Integer> keyLines,
        List<Diagnostic> warnings) {

    /** Characters from the header line through the closing line's newline (+1 past the end, see {@link #end}). */
    int length() {
        return end - start;
    }
}
