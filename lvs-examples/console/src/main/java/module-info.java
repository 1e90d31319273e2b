/**
 * jlvs-console, jLVS's web console: its own unprivileged process, a client of jlvsd's control socket
 * and never of the kernel; of jLVS it uses only the control socket's client
 * ({@code io.jlvs.director.ControlClient}). Nothing here is API.
 */
module io.jlvs.console {
    requires io.jlvs.core;
    requires io.javalin;
    requires gg.jte.runtime;
    requires org.bouncycastle.provider;
    requires com.google.common;
    requires com.fasterxml.jackson.databind;
    requires info.picocli;
    requires org.slf4j;
    requires jakarta.servlet;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.util;
    // the compiled templates carry @javax.annotation.processing.Generated (source retention only)
    requires static java.compiler;

    exports io.jlvs.console;

    opens io.jlvs.console to info.picocli;
    // jte finds and calls the compiled templates by reflection
    opens io.jlvs.console.templates to gg.jte.runtime;
}
