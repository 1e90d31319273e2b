package io.jlvs.cli.jlvsadm;

import java.util.ArrayList;
import java.util.List;

/**
 * Listings of two namespaces compared by content. IPVS hashes services with the namespace's address,
 * so the kernel dumps the same services in a different order in each namespace; and since libipvs's
 * sort is not a total order (see {@link ListingOrder}), even ipvsadm's sorted output can differ. So
 * each service's block (its line and its real servers' lines) is kept whole, and the blocks are sorted.
 */
final class Listings {
    private Listings() {}

    static String byContent(String listing) {
        List<String> header = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : listing.lines().toList()) {
            boolean headerLine = line.startsWith("IP Virtual Server") || line.startsWith("Prot ")
                    || line.startsWith("  -> RemoteAddress");
            boolean realServerLine = line.startsWith("  -> ") || line.startsWith("-a ");
            if (headerLine) {
                header.add(line);
            } else if (realServerLine && block != null) {
                block.append(line).append('\n');
            } else {
                if (block != null) {
                    blocks.add(block.toString());
                }
                block = new StringBuilder(line).append('\n');
            }
        }
        if (block != null) {
            blocks.add(block.toString());
        }
        blocks.sort(null);
        return String.join("\n", header) + "\n" + String.join("", blocks);
    }
}
