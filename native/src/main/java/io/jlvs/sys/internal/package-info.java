/**
 * Backends of {@link io.jlvs.sys.Syscalls}; not API, reached only through {@code Syscalls.jnr()},
 * {@code Syscalls.ffm()} and {@code Syscalls.system()}. Both share their argument checks and result
 * shaping ({@code SyscallArguments}, {@code SyscallResults}) so that they cannot drift apart. The FFM
 * backend ({@code FfmSyscalls}, {@code FfmLibC}, {@code CallScratch}) lives in {@code src/main/java22},
 * compiled with {@code --release 22}, and is reached by reflection through {@link ForeignBackend}.
 */
package io.jlvs.sys.internal;
