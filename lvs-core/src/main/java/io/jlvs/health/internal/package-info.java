/**
 * The monitor's machinery: the decision engine (due probes, rise/fall, slow start, sorry server,
 * quorum) that works on times it is given, the probe identity used to share one probe among
 * services, and the quorum command runner. Not API.
 */
package io.jlvs.health.internal;
