package io.jlvs.config.internal;

import io.jlvs.config.ConfigException;
import io.jlvs.config.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A configuration file's text, or a ConfigException naming the file when it cannot be read. */
public final class ConfigText {
    private ConfigText() {}

    public static String read(Path file) throws ConfigException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(Diagnostic.error(file.toString(), 0, "",
                    "cannot read: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }
}
