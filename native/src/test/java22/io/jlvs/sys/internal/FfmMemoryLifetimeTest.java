package io.jlvs.sys.internal;

import static io.jlvs.sys.LinuxConstants.AF_NETLINK;
import static io.jlvs.sys.LinuxConstants.NETLINK_ROUTE;
import static io.jlvs.sys.LinuxConstants.SOCK_CLOEXEC;
import static io.jlvs.sys.LinuxConstants.SOCK_RAW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * What the FFM backend adds to the buffer contract: a buffer over arena memory is checked for liveness
 * and thread confinement at the call, so the kernel never gets freed or foreign memory. (The JNR backend
 * would pass the dangling address on, which is why these tests are FFM-only.)
 */
class FfmMemoryLifetimeTest {
    private static final int SOCKADDR_NL_SIZE = 12;

    private final FfmSyscalls sys = FfmSyscalls.instance();

    @Test
    void aBufferFromALiveArenaIsWrittenByTheKernel() {
        int fd = sys.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
        try (Arena arena = Arena.ofConfined()) {
            ByteBuffer addr = arena.allocate(SOCKADDR_NL_SIZE).asByteBuffer().order(ByteOrder.nativeOrder());
            assertTrue(fd >= 0, "socket");

            assertEquals(SOCKADDR_NL_SIZE, sys.getsockname(fd, addr));
            assertEquals(AF_NETLINK, addr.getShort(0));
        } finally {
            sys.close(fd);
        }
    }

    @Test
    void aBufferWhoseArenaIsClosedIsRefusedInsteadOfPassingFreedMemory() {
        ByteBuffer stale;
        try (Arena arena = Arena.ofConfined()) {
            stale = arena.allocate(64).asByteBuffer();
        }
        assertThrows(IllegalStateException.class, () -> sys.recv(-1, stale, 64, 0));
    }

    @Test
    void aBufferConfinedToAnotherThreadIsRefused() throws InterruptedException {
        try (Arena arena = Arena.ofConfined()) {
            ByteBuffer confined = arena.allocate(64).asByteBuffer();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread other = Thread.ofPlatform().start(() -> {
                try {
                    sys.recv(-1, confined, 64, 0);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            other.join();
            assertEquals(WrongThreadException.class, thrown.get() == null ? null : thrown.get().getClass());
        }
    }
}
