package io.jlvs.cli.jlvsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which uncaught failures end the director: a dead platform thread does, one request's virtual thread does not. */
class FatalThreadsTest {
    final List<String> parts = new ArrayList<>();
    final List<Throwable> causes = new ArrayList<>();
    final FatalThreads handler = new FatalThreads((part, cause) -> {
        parts.add(part);
        causes.add(cause);
    });

    @Test
    void aPlatformThreadThatDiesIsAFault() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        Thread t = Thread.ofPlatform().name("jlvs-something").uncaughtExceptionHandler(handler).start(() -> {
            throw boom;
        });
        t.join(10_000);
        assertEquals(List.of("thread jlvs-something"), parts);
        assertSame(boom, causes.get(0));
    }

    @Test
    void aVirtualThreadServingOneRequestIsNot() throws Exception {
        Thread t = Thread.ofVirtual().name("jlvs-control-conn").uncaughtExceptionHandler(handler).start(() -> {
            throw new IllegalStateException("one client's problem");
        });
        t.join(10_000);
        assertEquals(List.of(), parts);
    }
}
