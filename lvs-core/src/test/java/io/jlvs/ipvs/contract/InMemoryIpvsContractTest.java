package io.jlvs.ipvs.contract;

import io.jlvs.ipvs.InMemoryIpvs;
import io.jlvs.ipvs.Ipvs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The {@link IpvsContract} against {@link InMemoryIpvs}: on any machine, no root. */
class InMemoryIpvsContractTest extends IpvsContract {
    private Ipvs ipvs;

    @BeforeEach
    void open() {
        ipvs = new InMemoryIpvs().open();
    }

    @AfterEach
    void close() {
        ipvs.close();
    }

    @Override
    Ipvs ipvs() {
        return ipvs;
    }
}
