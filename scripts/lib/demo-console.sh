# shellcheck shell=bash
# The web console in the reference demo (scripts/demo-cluster sources this): a system user for it, its
# users file with a one-time password, one jlvs-console per director (never as root), the camera that
# saves the status page as PNGs (headless Chromium driven by Selenium: StatusScreenshots), and, for
# `scripts/demo --console`, the relay that lets the host's browser in. docs/console.md, "In the demo".
#
# Uses from demo-cluster: $repo, $work, say, ok, bad, wait_for. Every wait is bounded.

CONSOLE_USER=jlvs-console
CONSOLE_GROUP=jlvs
CONSOLE_LOGIN=demo
CONSOLE_PORT=${JLVS_DEMO_CONSOLE_PORT:-8480}   # lvs1's console; lvs2's on the next port
console_created=()                             # what demo_console_cleanup undoes on a real host
console_bound=()                               # files bind-mounted over in the guest

# demo_console_port DIRECTOR: the port of that director's console (lvs1, lvs2).
demo_console_port() { echo $((CONSOLE_PORT + ${1#lvs} - 1)); }

# Makes the console's system user and group if missing. In the QEMU guest the root file system is the
# host's, read-only: the guest gets its own copies of /etc/passwd and /etc/group with the two entries
# added, bind-mounted over the originals (seen by this guest only, gone with it). On a real host they
# are made with groupadd/useradd and removed again at the end.
demo_console_user() {
  local id
  if getent passwd "$CONSOLE_USER" >/dev/null && getent group "$CONSOLE_GROUP" >/dev/null; then
    return 0
  fi
  if [[ ${JLVS_IN_VM:-} == 1 ]]; then
    for id in $(seq 990 -1 900); do   # a system id no user and no group has
      getent passwd "$id" >/dev/null || getent group "$id" >/dev/null || break
    done
    mkdir -p "$work/etc"
    cp /etc/passwd "$work/etc/passwd" && cp /etc/group "$work/etc/group" || return 1
    getent group "$CONSOLE_GROUP" >/dev/null || printf '%s:x:%s:\n' "$CONSOLE_GROUP" "$id" >>"$work/etc/group"
    getent passwd "$CONSOLE_USER" >/dev/null \
      || printf '%s:x:%s:%s:jLVS web console (demo):/nonexistent:/usr/sbin/nologin\n' "$CONSOLE_USER" "$id" \
        "$(getent group "$CONSOLE_GROUP" | cut -d: -f3 || echo "$id")" >>"$work/etc/passwd"
    chmod 644 "$work/etc/passwd" "$work/etc/group"
    local f
    for f in passwd group; do
      mount --bind "$work/etc/$f" "/etc/$f" || return 1
      console_bound+=("/etc/$f")
    done
  else
    if ! getent group "$CONSOLE_GROUP" >/dev/null; then
      groupadd --system "$CONSOLE_GROUP" || return 1
      console_created+=("group:$CONSOLE_GROUP")
    fi
    if ! getent passwd "$CONSOLE_USER" >/dev/null; then
      useradd --system --gid "$CONSOLE_GROUP" --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
        "$CONSOLE_USER" || return 1
      console_created+=("user:$CONSOLE_USER")
    fi
  fi
  getent passwd "$CONSOLE_USER" >/dev/null && getent group "$CONSOLE_GROUP" >/dev/null
}

# as_console LOG PIDFILE COMMAND...: runs COMMAND in the background as the console's user, with the
# console's group as its primary group (jlvsd checks the peer's primary group) and no other; PIDFILE
# gets COMMAND's own pid (setpriv and bin/jlvs-console exec).
as_console() {
  local log=$1 pidfile=$2
  shift 2
  HOME=$work/console setpriv --reuid="$CONSOLE_USER" --regid="$CONSOLE_GROUP" --clear-groups -- "$@" >>"$log" 2>&1 &
  echo $! >"$pidfile"
}

# Prepares what the consoles need before jlvsd starts: the user, the control sockets' directory (the
# group may enter it), the console's own directory, and a users file with one operator whose one-time
# password is random and lives only in $work (mode 0600).
demo_console_prepare() {
  demo_console_user || { bad "cannot make the console's user $CONSOLE_USER and group $CONSOLE_GROUP"; return 1; }
  chmod 711 "$work"   # the console's user passes through to ctl/ and console/, and can list neither
  install -d -m 0750 -g "$CONSOLE_GROUP" "$work/ctl"
  install -d -m 0700 -o "$CONSOLE_USER" -g "$CONSOLE_GROUP" "$work/console"
  (umask 077; head -c 18 /dev/urandom | base64 | tr '+/' 'xy' >"$work/console-password")
  if ! "$repo/bin/jlvs-console" passwd "$CONSOLE_LOGIN" --role operator --users "$work/console/users" --stdin \
      <"$work/console-password" >"$work/console-passwd.log" 2>&1; then
    bad "jlvs-console passwd failed: $(cat "$work/console-passwd.log")"
    return 1
  fi
  chown "$CONSOLE_USER:$CONSOLE_GROUP" "$work/console/users"
  ok "user $CONSOLE_USER (group $CONSOLE_GROUP, jlvsd's --control-group); console login '$CONSOLE_LOGIN' (operator) with a one-time random password (jlvs-console passwd --stdin)"
}

# demo_console_start DIRECTOR: that director's console on 127.0.0.1, as the console's user.
demo_console_start() {
  local d=$1 port conf
  port=$(demo_console_port "$d")
  conf=$work/console/$d.conf
  cat >"$conf" <<EOF
listen = 127.0.0.1:$port
control_socket = $work/ctl/$d.sock
users_file = $work/console/users
audit_log = $work/console/audit-$d.log
EOF
  chown "$CONSOLE_USER:$CONSOLE_GROUP" "$conf"
  JLVS_JAVA_OPTS="-Xmx128m ${JLVS_JAVA_OPTS:-}" as_console "$work/console-$d.log" "$work/console-$d.pid" \
    "$repo/bin/jlvs-console" serve --config "$conf"
}

console_answers() { curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$1/login"; }

# demo_console_relay DIRECTOR: for the host's browser, a TCP relay from the guest's address on the
# user-mode network (where QEMU's hostfwd connects) to the console on loopback.
demo_console_relay() {
  local port
  port=$(demo_console_port "$1")
  as_console "$work/relay-$1.log" "$work/relay-$1.pid" socat "TCP-LISTEN:$port,bind=10.0.2.15,reuseaddr,fork" "TCP:127.0.0.1:$port"
}

# The camera: StatusScreenshots with the console module's test class path, as a coprocess that starts
# Chromium once (a start takes a minute and more under emulation) and takes a shot per line it reads.
demo_camera_start() {
  local m=$repo/lvs-examples/console/target opts=(-Xmx192m -XX:+UseSerialGC)
  jlvs_find_jdk || { bad "no JDK for the camera"; return 1; }
  [[ -s $m/test-classpath ]] || { bad "$m/test-classpath is missing: build first (mvn install)"; return 1; }
  [[ ${JLVS_IN_VM:-} == 1 && ${JLVS_VM_TCG_THREAD:-multi} == multi ]] && opts+=(-XX:TieredStopAtLevel=1)   # scripts/vm/run
  coproc CAMERA { exec "$JAVA_HOME/bin/java" "${opts[@]}" -cp "$m/test-classes:$m/classes:$(cat "$m/test-classpath")" \
    io.jlvs.console.StatusScreenshots "$CONSOLE_LOGIN" "$work/console-password" 2>>"$work/camera.log"; }
  echo "$CAMERA_PID" >"$work/camera.pid"
}

# Waits (bounded) for the camera's Chromium to be up.
demo_camera_ready() {
  local line=''
  [[ -n ${CAMERA_PID:-} ]] || return 1
  read -r -t 300 -u "${CAMERA[0]}" line
  [[ $line == ready ]] && return 0
  bad "headless Chromium did not start within 300 s: ${line:-no answer}; $(tail -n 5 "$work/camera.log" | tr '\n' ' ')"
  demo_camera_stop
  return 1
}

# demo_shot NAME DIRECTOR ROLE: logs in to DIRECTOR's console and saves its status page as
# $shots/NAME.png once it shows ROLE; says where.
demo_shot() {
  local name=$1 d=$2 role=$3 line=''
  [[ -n ${CAMERA_PID:-} ]] && kill -0 "$CAMERA_PID" 2>/dev/null || { bad "no camera for $name (the console or Chromium did not start earlier)"; return 1; }
  printf '%s=%s=http://127.0.0.1:%s/\n' "$shots/$name" "$role" "$(demo_console_port "$d")" >&"${CAMERA[1]}"
  read -r -t 200 -u "${CAMERA[0]}" line
  case $line in
    shot\ *) ok "$d's console shows role $role: screenshot ${line#shot }" ;;
    *) bad "no screenshot of $d's console showing $role: ${line:-no answer within 200 s}" ;;
  esac
}

demo_camera_stop() {
  [[ -n ${CAMERA_PID:-} ]] || return 0
  local pid=$CAMERA_PID fd=${CAMERA[1]:-}
  CAMERA_PID=''
  # End of input: the camera closes Chromium and exits. (bash sets the fd to -1 once the coprocess has
  # ended; "exec -1>&-" would close our stdout.)
  [[ $fd =~ ^[0-9]+$ ]] && eval "exec $fd>&-"
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill "$pid" 2>/dev/null
}

# demo_console_up DIRECTOR: waits (bounded: a JVM under emulation) for that director's console.
demo_console_up() {
  local d=$1 port
  port=$(demo_console_port "$d")
  if wait_for 360 "$d's console on 127.0.0.1:$port" console_answers "$port"; then
    ok "$d's console answers on http://127.0.0.1:$port/, running as $(ps -o user= -p "$(cat "$work/console-$d.pid")" 2>/dev/null || echo '?') (never root)"
  else
    bad "$d's console did not start: $(tail -n 3 "$work/console-$d.log" | tr '\n' ' ')"
    return 1
  fi
}

# Undoes what demo_console_user did (after the consoles have stopped).
demo_console_cleanup() {
  local m c i
  for m in "${console_bound[@]}"; do umount "$m" 2>/dev/null; done
  for ((i = ${#console_created[@]} - 1; i >= 0; i--)); do   # the user before its group
    c=${console_created[i]}
    case $c in
      user:*) userdel "${c#user:}" 2>/dev/null ;;
      group:*) groupdel "${c#group:}" 2>/dev/null ;;
    esac
  done
}
