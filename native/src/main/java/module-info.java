/**
 * Linux system calls for jLVS (sockets, netlink, namespaces, packet sockets), through
 * {@code java.lang.foreign} on JDK 22+ or JNR-FFI elsewhere. Only {@code io.jlvs.sys} is API.
 *
 * <p>{@code io.jlvs.sys.internal} is exported to jLVS's own module alone. It is also open at run
 * time (never at compile time) because JNR-FFI implements its {@code LibC} interface with a class it
 * generates in a module of its own, which must be able to reach that interface.
 */
module io.jlvs.sys {
    requires org.jnrproject.ffi;
    // JNR-FFI is an automatic module and cannot say that it generates its glue with ASM, whose jars
    // are explicit modules: nothing would resolve them on the module path (NoClassDefFoundError
    // org/objectweb/asm/ClassVisitor at the first syscall), so this module names them for it.
    requires org.objectweb.asm;
    requires org.objectweb.asm.commons;
    requires org.objectweb.asm.tree;
    requires org.objectweb.asm.tree.analysis;
    requires org.objectweb.asm.util;

    exports io.jlvs.sys;
    exports io.jlvs.sys.internal to io.jlvs.core;
    opens io.jlvs.sys.internal;
}
