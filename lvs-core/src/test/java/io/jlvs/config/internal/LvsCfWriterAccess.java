package io.jlvs.config.internal;

/** Test access to the writer's quoting. */
public final class LvsCfWriterAccess {
    private LvsCfWriterAccess() {}

    public static String quote(String value) {
        return LvsCfWriter.quote(value);
    }
}
