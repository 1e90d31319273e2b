/**
 * Test fixtures for tests that run against a real kernel: a fresh network namespace per test with an
 * {@link io.jlvs.ipvs.IpvsClient} on it and ipvsadm as an independent witness, and the JUnit extension
 * that hands them out and refuses to run where there is no IPVS to test against.
 */
package io.jlvs.testing;
