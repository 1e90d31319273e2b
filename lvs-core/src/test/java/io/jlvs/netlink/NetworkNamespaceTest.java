package io.jlvs.netlink;

import static io.jlvs.sys.LinuxConstants.CLONE_NEWNET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.sys.Errno;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NetworkNamespace's policy around setns(2), against recorded syscalls (no kernel, no root). */
class NetworkNamespaceTest {

    @Test
    void theCurrentNamespaceRunsTheActionOnTheCallingThreadWithoutSyscalls() {
        RecordingSyscalls sys = new RecordingSyscalls();
        Thread caller = Thread.currentThread();
        Thread ran = NetworkNamespace.current().call(sys, Thread::currentThread);
        assertSame(caller, ran);
        assertEquals(List.of(), sys.calls);
    }

    @Test
    void aNamedNamespaceIsEnteredOnAnotherThreadAndItsFdClosedBeforeTheAction() {
        RecordingSyscalls sys = new RecordingSyscalls();
        Thread caller = Thread.currentThread();
        Thread ran = NetworkNamespace.named("blue").call(sys, () -> {
            sys.calls.add("action");
            return Thread.currentThread();
        });
        assertNotEquals(caller, ran);
        assertFalse(ran.isVirtual(), "setns on a virtual thread would move its carrier");
        assertEquals(List.of("open(/run/netns/blue)", "setns(7," + CLONE_NEWNET + ")", "close(7)", "action"), sys.calls);
    }

    @Test
    void theActionsResultIsReturned() {
        assertEquals("made in blue", NetworkNamespace.named("blue").call(new RecordingSyscalls(), () -> "made in blue"));
    }

    @Test
    void aPathNamespaceOpensThatPath() {
        RecordingSyscalls sys = new RecordingSyscalls();
        NetworkNamespace.atPath(Path.of("/proc/1/ns/net")).call(sys, () -> null);
        assertEquals("open(/proc/1/ns/net)", sys.calls.get(0));
    }

    @Test
    void aMissingNamespaceFailsWithTheErrnoOfOpenAndDoesNotRunTheAction() {
        RecordingSyscalls sys = new RecordingSyscalls() {
            @Override
            public int open(String path, int flags) {
                super.open(path, flags);
                return -Errno.ENOENT;
            }
        };
        AtomicBoolean ran = new AtomicBoolean();
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> NetworkNamespace.named("gone").call(sys, () -> ran.getAndSet(true)));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().contains("/run/netns/gone"), e.getMessage());
        assertFalse(ran.get());
    }

    @Test
    void aRefusedSetnsFailsWithItsErrnoClosesTheFdAndDoesNotRunTheAction() {
        RecordingSyscalls sys = new RecordingSyscalls() {
            @Override
            public int setns(int fd, int nsType) {
                super.setns(fd, nsType);
                return -Errno.EPERM;
            }
        };
        AtomicBoolean ran = new AtomicBoolean();
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> NetworkNamespace.named("blue").call(sys, () -> ran.getAndSet(true)));
        assertEquals(Errno.EPERM, e.errno());
        assertTrue(sys.called("close(7)"));
        assertFalse(ran.get());
    }

    @Test
    void aRuntimeExceptionFromTheActionReachesTheCaller() {
        IllegalStateException thrown = new IllegalStateException("boom");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NetworkNamespace.named("blue").call(new RecordingSyscalls(), () -> {
                    throw thrown;
                }));
        assertSame(thrown, e);
    }

    @Test
    void anErrorFromTheActionReachesTheCallerInsteadOfANullResult() {
        // e.g. a LinkageError while loading a native library inside the namespace
        AssertionError thrown = new AssertionError("linkage failed");
        AssertionError e = assertThrows(AssertionError.class,
                () -> NetworkNamespace.named("blue").call(new RecordingSyscalls(), () -> {
                    throw thrown;
                }));
        assertSame(thrown, e);
    }

    @Test
    void whatTheActionMakesAfterTheCallerWasInterruptedIsClosedNotLeaked() throws Exception {
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch proceed = new java.util.concurrent.CountDownLatch(1);
        AtomicBoolean socketClosed = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Throwable> callerGot = new java.util.concurrent.atomic.AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                NetworkNamespace.named("blue").call(new RecordingSyscalls(), () -> {
                    entered.countDown();
                    try {
                        proceed.await(); // the socket(2) call, still running when the caller is interrupted
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    return (AutoCloseable) () -> socketClosed.set(true);
                });
            } catch (RuntimeException e) {
                callerGot.set(e);
            }
        });
        caller.start();
        assertTrue(entered.await(10, java.util.concurrent.TimeUnit.SECONDS));
        caller.interrupt();
        caller.join(10_000);
        assertTrue(callerGot.get() instanceof NetlinkException, String.valueOf(callerGot.get()));

        proceed.countDown();

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!socketClosed.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(socketClosed.get(), "the socket made for the interrupted caller was closed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", ".", "..", "/etc"})
    void namesThatAreNotASingleNamespaceNameAreRefused(String name) {
        assertThrows(IllegalArgumentException.class, () -> NetworkNamespace.named(name));
    }

    @Test
    void namespacesAreEqualByPath() {
        assertEquals(NetworkNamespace.named("x"), NetworkNamespace.atPath(Path.of("/run/netns/x")));
        assertNotEquals(NetworkNamespace.named("x"), NetworkNamespace.named("y"));
        assertTrue(NetworkNamespace.current().isCurrent());
        assertFalse(NetworkNamespace.named("x").isCurrent());
    }
}
