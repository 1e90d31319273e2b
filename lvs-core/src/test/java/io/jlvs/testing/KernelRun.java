package io.jlvs.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Whether this JVM runs the kernel suite, and what a missing precondition means there. On a developer's
 * machine a test may skip when, say, it is not root; in the kernel run (Failsafe sets
 * {@value #PROPERTY}) the same gap is a failure, because a skipped kernel test proves nothing. The one
 * skip the kernel run accepts is one that depends on what this kernel really has or lacks (a module
 * that came in a later release, say), said with {@link #skipForKernelFeature}, whose message starts
 * with {@value #KERNEL_FEATURE}: scripts/lib/suite-check fails the kernel run on any other skip.
 */
public final class KernelRun {
    /** Set to "true" by the kernel-tests profile's Failsafe configuration. */
    public static final String PROPERTY = "jlvs.kernelRun";
    /** How every accepted skip's message starts (scripts/lib/suite-check looks for it). */
    public static final String KERNEL_FEATURE = "kernel feature: ";

    private KernelRun() {}

    public static boolean active() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Skips outside the kernel run, fails inside it, when {@code condition} does not hold. */
    public static void require(boolean condition, String what) {
        if (condition) {
            return;
        }
        if (active()) {
            fail("kernel run: " + what + " (a kernel test may not skip for this)");
        }
        Assumptions.abort(what);
    }

    /** Skips the test because of what this kernel has or lacks, saying which feature and why. */
    public static void skipForKernelFeature(String why) {
        Assumptions.abort(KERNEL_FEATURE + why);
    }
}
