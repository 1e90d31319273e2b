package io.jlvs.cli.jlvsd;

/**
 * slf4j-simple set up for a daemon: to stderr (journald or the caller's redirect), with a timestamp
 * and without thread names. A -Dorg.slf4j.simpleLogger.* property given on the command line wins.
 */
final class Logs {
    private Logs() {
    }

    static void configure() {
        defaultTo("org.slf4j.simpleLogger.logFile", "System.err");
        defaultTo("org.slf4j.simpleLogger.showDateTime", "true");
        defaultTo("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        defaultTo("org.slf4j.simpleLogger.showThreadName", "false");
        defaultTo("org.slf4j.simpleLogger.showShortLogName", "true");
        defaultTo("org.slf4j.simpleLogger.defaultLogLevel", "info");
    }

    private static void defaultTo(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
