/**
 * How lvs.cf text becomes a {@link io.jlvs.config.Configuration} and back: a line-oriented reader
 * that builds a syntax tree with line numbers, binders that turn each block's keys into values
 * (collecting every problem), cross-checks over the whole file, and the writer. Also the
 * ipvsadm-save and keepalived.conf readers behind the public importers.
 */
package io.jlvs.config.internal;
