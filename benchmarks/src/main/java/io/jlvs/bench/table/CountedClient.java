package io.jlvs.bench.table;

import io.jlvs.bench.scale.ScaleNamespace;
import io.jlvs.ipvs.BatchResult;
import io.jlvs.ipvs.IpvsClient;

/**
 * An {@link IpvsClient} on a namespace whose socket counts datagrams, so a run can say how many netlink
 * round trips an operation took.
 */
record CountedClient(IpvsClient ipvs, CountingTransport transport) implements AutoCloseable {

    static CountedClient open(ScaleNamespace ns) {
        CountingTransport t = CountingTransport.open(ns.namespace());
        try {
            return new CountedClient(IpvsClient.over(t, ns.namespace()), t);
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    /** Loads {@code table}, failing unless every operation applied. */
    BatchResult load(ScaleTable table) {
        BatchResult result = ipvs.apply(table.batch());
        if (!result.allApplied()) {
            throw new IllegalStateException("loading " + table + ": " + result.notApplied().size()
                    + " operations not applied, the first: " + result.firstFailure().orElseThrow());
        }
        return result;
    }

    /** Services plus real servers in the table now, read with one dump per service. */
    int countEntries() {
        int n = 0;
        for (var s : ipvs.services()) {
            n += 1 + ipvs.realServers(s.service().key()).size();
        }
        return n;
    }

    @Override
    public void close() {
        ipvs.close();
    }
}
