/** The reconciler against a real IPVS kernel, in throw-away network namespaces (run in the VM). */
package io.jlvs.director.kernel;
