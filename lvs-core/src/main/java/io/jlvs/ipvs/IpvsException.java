package io.jlvs.ipvs;

import io.jlvs.sys.Errno;
import java.util.Optional;

/**
 * An IPVS operation failed. The subtype says what went wrong in the caller's terms; {@link #errno()}
 * is the kernel's errno (0 when the failure did not come from the kernel) and {@link #operation()}
 * names what was attempted, e.g. "add service TCP 10.0.0.1:80".
 *
 * <p>Messages read "operation: problem (ERRNO_NAME)[: kernel says "extended ack text"]".
 */
public sealed abstract class IpvsException extends RuntimeException
        permits AlreadyExistsException, NoSuchServiceException, NoSuchRealServerException,
                SchedulerNotAvailableException, PersistenceEngineNotAvailableException,
                InvalidArgumentException, NotPermittedException, IpvsNotAvailableException,
                AddressFamilyNotSupportedException, KernelException, ProtocolException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int errno;
    private final String kernelMessage;

    IpvsException(String operation, int errno, String kernelMessage, String problem, Throwable cause) {
        super(message(operation, errno, kernelMessage, problem), cause);
        this.operation = operation;
        this.errno = errno;
        this.kernelMessage = kernelMessage == null || kernelMessage.isBlank() ? null : kernelMessage;
    }

    /** What was attempted, in operator words: "add real server 10.0.0.2:80 to TCP 10.0.0.1:80". */
    public String operation() {
        return operation;
    }

    /** The kernel's errno (positive), or 0 when the failure is not an errno. */
    public int errno() {
        return errno;
    }

    /** The kernel's extended-ack text, when it sent one. */
    public Optional<String> kernelMessage() {
        return Optional.ofNullable(kernelMessage);
    }

    private static String message(String operation, int errno, String kernelMessage, String problem) {
        StringBuilder text = new StringBuilder(operation).append(": ").append(problem);
        if (errno != 0) {
            text.append(" (").append(Errno.name(errno)).append(')');
        }
        if (kernelMessage != null && !kernelMessage.isBlank()) {
            text.append(": kernel says \"").append(kernelMessage).append('"');
        }
        return text.toString();
    }
}
