/**
 * The thin system-call layer under jLVS: {@link io.jlvs.sys.Syscalls} makes one call per method and
 * returns its result or {@code -errno}, with no policy of its own. Two backends implement it (JNR-FFI,
 * and {@code java.lang.foreign} on JDK 22+); {@link io.jlvs.sys.SyscallBackend} picks one per process and
 * {@link io.jlvs.sys.NativeAvailability} says up front which, and whether it works here.
 * {@link io.jlvs.sys.Errno} and {@link io.jlvs.sys.ErrnoException} turn errno numbers into words.
 */
package io.jlvs.sys;
