package io.jlvs.netlink;

import io.jlvs.sys.Syscalls;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Syscalls} stand-in that records every call (as "name(args)") and answers as its overrides
 * say; calls not overridden succeed with 0. For testing the policy above the syscalls (retries,
 * fallbacks, cleanup) without a kernel.
 */
class RecordingSyscalls implements Syscalls {
    final List<String> calls = new ArrayList<>();

    boolean called(String call) {
        return calls.contains(call);
    }

    long count(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        calls.add("socket(" + domain + "," + type + "," + protocol + ")");
        return 3;
    }

    @Override
    public int bind(int fd, ByteBuffer addr, int addrLength) {
        calls.add("bind(" + fd + ")");
        return 0;
    }

    @Override
    public int getsockname(int fd, ByteBuffer addr) {
        calls.add("getsockname(" + fd + ")");
        return 12;
    }

    @Override
    public int sendto(int fd, ByteBuffer buf, int length, int flags, ByteBuffer addr, int addrLength) {
        calls.add("sendto(" + fd + "," + length + ")");
        return length;
    }

    @Override
    public int recv(int fd, ByteBuffer buf, int length, int flags) {
        calls.add("recv(" + fd + ")");
        return 0;
    }

    @Override
    public int recvfrom(int fd, ByteBuffer buf, int length, int flags, ByteBuffer addr) {
        calls.add("recvfrom(" + fd + ")");
        return 0;
    }

    @Override
    public int setsockopt(int fd, int level, int option, int value) {
        calls.add("setsockopt(" + fd + "," + level + "," + option + "," + value + ")");
        return 0;
    }

    @Override
    public int setsockopt(int fd, int level, int option, ByteBuffer value, int length) {
        calls.add("setsockopt(" + fd + "," + level + "," + option + ",<" + length + " bytes>)");
        return 0;
    }

    @Override
    public int getsockoptInt(int fd, int level, int option) {
        calls.add("getsockopt(" + fd + "," + level + "," + option + ")");
        return 0;
    }

    @Override
    public int close(int fd) {
        calls.add("close(" + fd + ")");
        return 0;
    }

    @Override
    public int open(String path, int flags) {
        calls.add("open(" + path + ")");
        return 7;
    }

    @Override
    public int setns(int fd, int nsType) {
        calls.add("setns(" + fd + "," + nsType + ")");
        return 0;
    }

    @Override
    public int ifNameToIndex(String name) {
        calls.add("if_nametoindex(" + name + ")");
        return 1;
    }
}
