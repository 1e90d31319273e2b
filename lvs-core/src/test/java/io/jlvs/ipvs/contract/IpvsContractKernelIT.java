package io.jlvs.ipvs.contract;

import io.jlvs.ipvs.Ipvs;
import io.jlvs.testing.KernelNamespace;
import io.jlvs.testing.KernelTest;
import org.junit.jupiter.api.BeforeEach;

/** The {@link IpvsContract} against the kernel: each test in a fresh network namespace (in the guest). */
@KernelTest
class IpvsContractKernelIT extends IpvsContract {
    private Ipvs ipvs;

    @BeforeEach
    void open(KernelNamespace ns) {
        ipvs = ns.ipvs();
    }

    @Override
    Ipvs ipvs() {
        return ipvs;
    }
}
