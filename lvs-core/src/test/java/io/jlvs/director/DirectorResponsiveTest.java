package io.jlvs.director;

import static io.jlvs.director.Fixtures.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.director.internal.Role;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What jlvsd's systemd watchdog asks: does the director's loop still turn? Yes while it runs, no while a
 * reconcile hangs in the kernel (here: the in-memory kernel held by the test), yes again once it
 * returns, and no after close.
 */
@Timeout(60)
class DirectorResponsiveTest {

    @Test
    void responsiveUnlessAReconcileHangsOrItIsClosed() throws Exception {
        MemoryKernel k = new MemoryKernel();
        Fixtures.ScriptedLoader loader = new Fixtures.ScriptedLoader(web(3));
        Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(loader, k, Role.ACTIVE));
        try {
            assertTrue(d.responsive(Duration.ofSeconds(5)));
            assertEquals("role ACTIVE, 1/1 services programmed, 0 failovers", d.statusLine());

            CountDownLatch reloading = new CountDownLatch(1);
            Thread reload;
            synchronized (k) { // the kernel does not answer: the reload's apply waits here
                loader.next = web(5);
                reload = Thread.ofPlatform().start(() -> {
                    reloading.countDown();
                    try {
                        d.reload();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                reloading.await();
                Thread.sleep(200); // let the reload take the table lock and block in the kernel
                assertFalse(d.responsive(Duration.ofMillis(300)), "a reconcile stuck in the kernel");
                assertEquals("role ACTIVE, 1/1 services programmed, 0 failovers", d.statusLine(), "answers without the lock");
            }
            reload.join(10_000);
            assertTrue(d.responsive(Duration.ofSeconds(5)), "the kernel answered: the loop turns again");
        } finally {
            d.close();
        }
        assertFalse(d.responsive(Duration.ofSeconds(1)), "closed");
    }
}
