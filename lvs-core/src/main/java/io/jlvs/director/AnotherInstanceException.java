package io.jlvs.director;

import java.nio.file.Path;

/**
 * Another director already manages this network namespace: it holds the instance lock. Thrown by
 * {@link Director#start} and {@link Director#releaseAddresses} before they touch any address or table,
 * so the running one is left exactly as it was.
 */
public final class AnotherInstanceException extends RuntimeException {
    private final Path lockFile;

    public AnotherInstanceException(Path lockFile) {
        super("another jlvsd manages this network namespace (it holds " + lockFile + "); stop it first");
        this.lockFile = lockFile;
    }

    public Path lockFile() {
        return lockFile;
    }
}
