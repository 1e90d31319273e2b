#!/bin/sh
# @NAME@, as installed from a jLVS package (.deb or .tar.gz): runs @MAIN@ on the Java runtime that
# ships with the package (a jlink image of exactly the modules jLVS needs), so no JDK is needed.
# Options: JLVS_JAVA_OPTS adds JVM options (heap size, ...). Made by scripts/package from
# packaging/launcher.sh; bin/@NAME@ in a checkout does the same with the JDK it finds.
#
# Ahead-of-time cache (docs/startup.md): with ../aot/@NAME@.aot present it starts in about half the
# time. The .deb's postinst makes it with JLVS_AOT_TRAIN=1 @NAME@ (one training run on this runtime
# and these jars); the JVM ignores, silently, a cache that does not fit them. JLVS_AOT=off: no cache.
set -e
self=$(readlink -f "$0")
home=${self%/bin/*}
java=$home/runtime/bin/java
cp=@CLASSPATH@
cache=$home/aot/@NAME@.aot
# Native access for the syscall layer (java.lang.foreign) and JNR's sun.misc.Unsafe use, granted
# explicitly so that the JVM prints no warning into a terminal or the journal.
opts="--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow @JVM_OPTS@ ${JLVS_JAVA_OPTS:-}"
if [ "${JLVS_AOT_TRAIN:-}" = 1 ]; then
  # The same JVM and options as a start, so that the cache fits; written aside, then moved in place.
  mkdir -p "$home/aot"
  tmp=$cache.$$.tmp
  # shellcheck disable=SC2086 # opts is a list of words
  if "$java" $opts "@AOT_TRAIN@=$tmp" -cp "$cp" io.jlvs.cli.training.AotTraining @NAME@ >"$cache.log" 2>&1 \
      && [ -s "$tmp" ]; then
    mv -f "$tmp" "$cache"
    exit 0
  fi
  rm -f "$tmp" "$tmp.config"
  echo "@NAME@: the ahead-of-time training run failed; its output is in $cache.log" >&2
  exit 1
fi
if [ "${JLVS_AOT:-on}" != off ] && [ -f "$cache" ]; then
  # shellcheck disable=SC2086 # opts is a list of words
  exec "$java" $opts "@AOT_USE@=$cache" @AOT_QUIET@ -cp "$cp" @MAIN@ "$@"
fi
# shellcheck disable=SC2086 # opts is a list of words
exec "$java" $opts -cp "$cp" @MAIN@ "$@"
