package io.jlvs.console;

import java.util.Locale;

/** What a console user may do: a viewer reads, an operator also changes real servers through jlvsd. */
enum Role {
    VIEWER, OPERATOR;

    static Role parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be viewer or operator, got '" + text + "'");
        }
    }

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
