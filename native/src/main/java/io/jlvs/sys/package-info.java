/**
 * The thin system-call layer under jLVS: {@link io.jlvs.sys.Syscalls} makes one call per method and
 * returns its result or {@code -errno}, with no policy of its own. {@link io.jlvs.sys.Errno} and
 * {@link io.jlvs.sys.ErrnoException} turn those numbers into words, and
 * {@link io.jlvs.sys.NativeAvailability} says up front whether the native backend works here.
 */
package io.jlvs.sys;
