package io.jlvs.sys;

import static io.jlvs.sys.LinuxConstants.CLONE_NEWNET;
import static io.jlvs.sys.LinuxConstants.O_CLOEXEC;
import static io.jlvs.sys.LinuxConstants.O_RDONLY;
import static io.jlvs.sys.SyscallAssertions.assertFailsWith;
import static io.jlvs.sys.SyscallAssertions.assertSucceeds;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/** open(2), setns(2) and if_nametoindex(3): what jLVS needs to work inside a named network namespace. */
class NamespaceSyscallsTest {
    /** {@code <sched.h>}: a namespace type that a network namespace fd does not match. */
    private static final int CLONE_NEWUTS = 0x04000000;

    @ForEachBackend
    void openOfTheOwnNetworkNamespaceReturnsADescriptor(Syscalls sys) {
        int fd = sys.open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
        try {
            assertTrue(fd >= 0, () -> "open returned " + SyscallAssertions.describeResult(fd));
        } finally {
            sys.close(fd);
        }
    }

    @ForEachBackend
    void openOfAMissingPathFailsWithENOENT(Syscalls sys) {
        assertFailsWith(Errno.ENOENT, sys.open("/run/netns/jlvs-no-such-namespace", O_RDONLY));
    }

    @ForEachBackend
    void pathWithANulCharacterIsRefusedRatherThanTruncated(Syscalls sys) {
        assertThrows(IllegalArgumentException.class, () -> sys.open("/proc/self/ns/net\0/x", O_RDONLY));
    }

    @ForEachBackend
    void setnsIntoTheCurrentNetworkNamespaceSucceeds(Syscalls sys) throws InterruptedException {
        try (OpenFd ns = OpenFd.of(sys, "open", sys.open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC))) {
            assertSucceeds(onThrowawayThread(() -> sys.setns(ns.value(), CLONE_NEWNET)));
        }
    }

    @ForEachBackend
    void setnsWithANamespaceTypeThatDoesNotMatchTheFdFailsWithEINVAL(Syscalls sys) throws InterruptedException {
        try (OpenFd ns = OpenFd.of(sys, "open", sys.open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC))) {
            assertFailsWith(Errno.EINVAL, onThrowawayThread(() -> sys.setns(ns.value(), CLONE_NEWUTS)));
        }
    }

    @ForEachBackend
    void setnsOnMinusOneFailsWithEBADF(Syscalls sys) throws InterruptedException {
        assertFailsWith(Errno.EBADF, onThrowawayThread(() -> sys.setns(-1, CLONE_NEWNET)));
    }

    @ForEachBackend
    void loopbackHasAPositiveInterfaceIndex(Syscalls sys) {
        int index = sys.ifNameToIndex("lo");
        assertTrue(index > 0, () -> "if_nametoindex(lo) returned " + SyscallAssertions.describeResult(index));
    }

    @ForEachBackend
    void anUnknownInterfaceNameFailsWithENODEV(Syscalls sys) {
        assertFailsWith(Errno.ENODEV, sys.ifNameToIndex("nope0"));
    }

    @ForEachBackend
    void anInterfaceNameLongerThanIfnamsizFailsWithENODEV(Syscalls sys) {
        // glibc if_nametoindex refuses names of IFNAMSIZ (16) or more before asking the kernel
        assertFailsWith(Errno.ENODEV, sys.ifNameToIndex("a-name-far-too-long-for-linux"));
    }

    /**
     * setns moves the calling OS thread; a platform thread of its own keeps the test runner's threads
     * where they are even if a future change makes the call do something.
     */
    private static int onThrowawayThread(IntSupplier call) throws InterruptedException {
        AtomicInteger result = new AtomicInteger(Integer.MIN_VALUE);
        Thread thread = Thread.ofPlatform().name("jlvs-setns-test").start(() -> result.set(call.getAsInt()));
        thread.join();
        return result.get();
    }
}
