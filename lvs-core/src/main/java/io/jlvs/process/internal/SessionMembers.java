package io.jlvs.process.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The live processes of a session or process group, read from /proc (proc(5), /proc/pid/stat). */
final class SessionMembers {
    private SessionMembers() {}

    /** PIDs whose session or process group is {@code leader}, zombies left out (they are dead already). */
    static List<Long> of(long leader) {
        List<Long> members = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                String stat;
                try {
                    stat = Files.readString(dir.resolve("stat"));
                } catch (IOException | RuntimeException e) {
                    continue; // gone meanwhile
                }
                // pid (comm) state ppid pgrp session ...: comm may hold spaces and ')', so split after the last ')'
                int close = stat.lastIndexOf(')');
                if (close < 0) {
                    continue;
                }
                String[] fields = stat.substring(close + 2).split(" ");
                if (fields.length < 4 || fields[0].equals("Z")) {
                    continue;
                }
                long pgrp = Long.parseLong(fields[2]);
                long session = Long.parseLong(fields[3]);
                if (session == leader || pgrp == leader) {
                    members.add(Long.parseLong(dir.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            // no /proc: only descendants are found
        }
        return members;
    }
}
