package io.jlvs.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs against the real kernel: it fails (does not skip) where the kernel has
 * no IPVS or the JVM is not root, and each {@link KernelNamespace} parameter of a test method is a fresh
 * namespace, deleted after the test. Each test is bounded (override with {@code @Timeout} on a method).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KernelNamespaceExtension.class)
@Tag("kernel")
@Timeout(120)
public @interface KernelTest {
}
