# shellcheck shell=bash
# Shared by bin/jlvsd and bin/jlvsctl: finds the built lvs-examples jar and a JDK >= 21, then runs a
# main class with it. Source it after setting `repo`; call jlvs_launch NAME NATIVE MAIN_CLASS ARGS...
# NATIVE is "native" when the program makes syscalls (jLVS's syscall backend) and so needs the
# JVM options of scripts/lib/common.sh's jlvs_jvm_opts, or "plain" when it needs none.

# shellcheck source-path=SCRIPTDIR source=common.sh
source "$repo/scripts/lib/common.sh"

jlvs_launch() {
  local name=$1 native=$2 main=$3 target jar='' candidate
  # bin/jlvs-console runs another module's jar: JLVS_LAUNCH_MODULE (its folder) and JLVS_LAUNCH_ARTIFACT.
  local module=${JLVS_LAUNCH_MODULE:-lvs-examples} artifact=${JLVS_LAUNCH_ARTIFACT:-lvs-examples}
  shift 3
  target=$repo/$module/target
  for candidate in "$target"/"$artifact"-*.jar; do
    case $candidate in *-sources.jar | *-javadoc.jar | *-tests.jar) continue ;; esac
    [[ -f $candidate ]] && jar=$candidate && break
  done
  if [[ -z $jar || ! -d $target/lib ]]; then
    echo "$name: $target has no $artifact jar and lib/ yet; build first:" >&2
    echo "  cd $repo && mvn -B -DskipTests install" >&2
    exit 1
  fi
  if ! jlvs_find_jdk 2>/dev/null; then
    echo "$name: no JDK >= 21 found (JAVA_HOME='${JAVA_HOME:-}', searched /usr/lib/jvm/*); install one or set JAVA_HOME" >&2
    exit 1
  fi
  local -a opts=()
  if [[ $native == native ]]; then
    # Exactly what this JDK needs so that no JVM warning reaches the terminal or the journal:
    # native access for the FFM backend (JDK 22+) and JNR's libffi stub; from JDK 23 on also
    # sun.misc.Unsafe memory access, which JNR (the JDK 21 backend) uses.
    read -r -a opts <<<"$(jlvs_jvm_opts)"
  fi
  # In the QEMU guest of scripts/vm/run under multi-threaded TCG, C1 only: tiered compilation makes
  # methods "not entrant" when C2 replaces them, patching a jump over their entry while other vCPUs
  # may be running or translating that code, and QEMU 7.2's multi-threaded TCG then executes a torn or
  # stale entry (measured: a SIGSEGV at exactly such a patched entry; see scripts/vm/run). C1 only has
  # no tier-up, so almost no such patching, and is faster to start under emulation anyway.
  local -a guest=()
  [[ ${JLVS_IN_VM:-} == 1 && ${JLVS_VM_TCG_THREAD:-multi} == multi ]] && guest=(-XX:TieredStopAtLevel=1)
  local -a extra=()
  [[ -n ${JLVS_JAVA_OPTS:-} ]] && read -r -a extra <<<"$JLVS_JAVA_OPTS"
  exec "$JAVA_HOME/bin/java" "${opts[@]}" "${JLVS_LAUNCH_OPTS[@]}" "${guest[@]}" "${extra[@]}" \
    -cp "$jar" "$main" "$@"   # the jar's manifest names its jars in target/lib: a stale one left there stays out
}
