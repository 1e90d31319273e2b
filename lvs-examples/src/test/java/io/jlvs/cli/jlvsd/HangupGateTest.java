package io.jlvs.cli.jlvsd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** SIGHUP during jlvsd's start is one reload after it; after the start each SIGHUP is one. */
class HangupGateTest {
    @Test
    void hangupsDuringTheStartAreOneReloadWhenItEndsAndEachLaterOneIsOne() {
        HangupGate gate = new HangupGate();
        AtomicInteger reloads = new AtomicInteger();
        gate.hangup();
        gate.hangup();
        assertEquals(0, reloads.get(), "nothing runs before the start is done");
        gate.open(reloads::incrementAndGet);
        assertEquals(1, reloads.get(), "the hang-ups during the start: one reload");
        gate.hangup();
        gate.hangup();
        assertEquals(3, reloads.get());
    }

    @Test
    void noHangupDuringTheStartNoReloadAtItsEnd() {
        HangupGate gate = new HangupGate();
        AtomicInteger reloads = new AtomicInteger();
        gate.open(reloads::incrementAndGet);
        assertEquals(0, reloads.get());
    }
}
