/**
 * Backends of {@link io.jlvs.sys.Syscalls}; not API, reached only through {@code Syscalls.jnr()}.
 * Today that is JNR-FFI over glibc; a {@code java.lang.foreign} backend can sit beside it later
 * and must keep the same -errno and buffer-position contract.
 */
package io.jlvs.sys.internal;
