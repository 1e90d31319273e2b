/**
 * jLVS's programs ({@code jlvsd}, {@code jlvsadm}, {@code jlvsctl}) and the runnable examples of the
 * library ({@code io.jlvs.examples}). Nothing here is API: the packages are exported so that the
 * programs can be started by name and picocli can read their commands.
 */
module io.jlvs.cli {
    requires io.jlvs.core;
    requires info.picocli;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
    requires com.fasterxml.jackson.databind;
    requires com.google.common;
    requires jdk.unsupported;

    exports io.jlvs.cli.jlvsadm;
    exports io.jlvs.cli.jlvsctl;
    exports io.jlvs.cli.jlvsd;
    exports io.jlvs.cli.logs;
    exports io.jlvs.examples;

    opens io.jlvs.cli.jlvsadm to info.picocli;
    opens io.jlvs.cli.jlvsctl to info.picocli;
    opens io.jlvs.cli.jlvsd to info.picocli;

    provides ch.qos.logback.classic.spi.Configurator with io.jlvs.cli.logs.LogSetup;
}
