/** What the parts of lvs-core share and no user should call: the check for optional libraries. */
package io.jlvs.internal;
