package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KvTest {
    @Test
    void plainValuesStayBareOthersAreQuoted() {
        assertEquals("event=reload result=ok ops=3 error=\"a b\" q=\"say \\\"x\\\"\" eq=\"a=b\" none=- empty=\"\"",
                Kv.line("event", "reload", "result", "ok", "ops", 3, "error", "a b", "q", "say \"x\"", "eq", "a=b", "none", null, "empty", ""));
    }

    @Test
    void oddArgumentsAreABug() {
        assertThrows(IllegalArgumentException.class, () -> Kv.line("event"));
    }
}
