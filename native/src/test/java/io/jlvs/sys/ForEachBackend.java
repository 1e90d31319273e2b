package io.jlvs.sys;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of the {@link Syscalls} contract, run once per backend ({@code [jnr]}, {@code [ffm]}): the method
 * takes the backend as a {@code Syscalls} parameter. Both backends must pass every such test; a
 * difference between them is a bug in one of them. See {@link EachBackendExtension} for which run where.
 * Surefire's reports number the runs instead of naming them: {@code [1]} is jnr, {@code [2]} is ffm.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(EachBackendExtension.class)
@interface ForEachBackend {}
