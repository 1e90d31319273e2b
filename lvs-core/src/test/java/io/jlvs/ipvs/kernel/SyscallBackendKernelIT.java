package io.jlvs.ipvs.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jlvs.sys.NativeAvailability;
import io.jlvs.sys.SyscallBackend;
import io.jlvs.testing.KernelNamespace;
import io.jlvs.testing.KernelTest;
import org.junit.jupiter.api.Test;

/**
 * The kernel suite runs once per syscall backend (scripts/lib/failsafe-backends forces each with
 * -Djlvs.syscalls): this proves the run really used the backend it was asked for, so a pass on "jnr"
 * cannot be the FFM backend passing twice. The kernel run always forces one: a run without the
 * property means the plumbing from scripts/lib/failsafe-backends broke, and that fails here too.
 */
@KernelTest
class SyscallBackendKernelIT {

    @Test
    void theForcedBackendIsTheOneInUse(KernelNamespace ns) {
        String forced = System.getProperty(SyscallBackend.PROPERTY);
        SyscallBackend active = NativeAvailability.backend();
        assertFalse(forced == null || forced.isBlank(),
                "-D" + SyscallBackend.PROPERTY + " was not passed to the kernel test JVM (scripts/lib/failsafe-backends sets it)");
        assertEquals(forced, active.id(), "backend in use");
        // and that backend talks to IPVS
        assertEquals(0x010201, ns.ipvs().info().version());
    }
}
