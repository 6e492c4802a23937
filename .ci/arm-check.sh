#!/usr/bin/env bash
# ARM check: builds Debian 12 arm64 and armhf roots with mmdebstrap and runs the gateway's jar in them under
# qemu-user-static: --version, analyze (byte-identical to this machine's), demo answering on MQTT and HTTP, the
# serial path over a pty with history read back; then installs the .deb in the arm64 root.
#
#   .ci/arm-check.sh [--roots-only]     (as root; run by .ci/run after mvn verify)
#
# Exit 0: passed, or skipped because the tooling or a package mirror is missing (it says which).
# Exit 1: a check of ours failed. Bounded: every step has a timeout; the whole at most ARM_CHECK_BUDGET_S (2400 s).
# A check cut short because the budget ran out is reported as not run, not as failed: on a slow machine emulating
# ARM takes long, and a timeout is no verdict on the gateway.
set -uo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
JAR=$REPO/gateway/target/rollcoach.jar
DEB=$(ls "$REPO"/gateway/target/rollcoach_*_all.deb 2>/dev/null | head -1)
CACHE=${ARM_CHECK_CACHE:-/var/cache/rollcoach-ci}
BUDGET_S=${ARM_CHECK_BUDGET_S:-2400}
ARCHES=${ARM_CHECK_ARCHES:-arm64 armhf}
START_S=$SECONDS
failures=0

say() { echo "arm-check: $*"; }
skip() { say "SKIPPED: $*"; exit 0; }
out_of_time() { [ $((SECONDS - START_S)) -ge $((BUDGET_S - 15)) ]; }
fail() {
  if out_of_time; then say "NOT RUN (out of the ${BUDGET_S} s budget): $*"; cut_short=1; return; fi
  say "FAILED: $*"; failures=$((failures + 1))
}
cut_short=0
left() { local l=$((BUDGET_S - (SECONDS - START_S))); [ "$l" -gt 10 ] && echo "$l" || echo 10; }
bounded() { local t=$1; shift; [ "$t" -gt "$(left)" ] && t=$(left); timeout --kill-after=10 "$t" "$@"; }

[ "$(id -u)" -eq 0 ] || skip "needs root (chroot, mounts)"
[ -f "$JAR" ] || { say "no $JAR: build first (mvn package)"; exit 1; }
for tool in mmdebstrap qemu-aarch64-static qemu-arm-static socat curl mosquitto_sub; do
  command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"
done

# binfmt_misc: the kernel runs ARM binaries through qemu only when the formats are registered.
if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null || skip "cannot mount binfmt_misc"
fi
for a in aarch64 arm; do
  if [ ! -e /proc/sys/fs/binfmt_misc/qemu-$a ]; then
    conf=/usr/lib/binfmt.d/qemu-$a.conf
    [ -f "$conf" ] || skip "no $conf (qemu-user-static)"
    # the F flag opens the interpreter now, so it works inside a chroot without a copy of qemu
    sed 's/:[A-Z]*$/:POF/' "$conf" > /proc/sys/fs/binfmt_misc/register 2>/dev/null \
      || skip "cannot register qemu-$a with binfmt_misc"
  fi
done

PACKAGES=openjdk-17-jre-headless,socat,sqlite3,procps,passwd
mkdir -p "$CACHE"
build_root() {
  local arch=$1 root=$CACHE/bookworm-$1
  if [ -f "$root/.complete" ]; then say "$arch root: cached in $root"; return 0; fi
  rm -rf "$root"
  say "$arch root: building with mmdebstrap (a few minutes)"
  # Built on a tmpfs: 32-bit programs under qemu fail listing folders on ext4 (EOVERFLOW from 64-bit inode
  # numbers), and update-ca-certificates lists /etc/ssl/certs while the armhf root is set up.
  local build=$CACHE/build-$arch
  mkdir -p "$build" && mount -t tmpfs -o size=3g tmpfs "$build" || return 1
  local status=0
  bounded 900 mmdebstrap --mode=root --variant=apt --arch="$arch" --include="$PACKAGES" \
      bookworm "$build/root" http://deb.debian.org/debian > "$CACHE/mmdebstrap-$arch.log" 2>&1 || status=1
  if [ $status = 0 ]; then
    cp -a "$build/root" "$root" && touch "$root/.complete" || status=1
  else
    tail -5 "$CACHE/mmdebstrap-$arch.log"
  fi
  umount "$build"; rmdir "$build"
  [ $status = 0 ] || { rm -rf "$root"; return 1; }
}
if ! curl -fsS --max-time 20 -o /dev/null http://deb.debian.org/debian/dists/bookworm/Release; then
  skip "no Debian package mirror reachable (http://deb.debian.org): cannot build the ARM roots"
fi
for arch in $ARCHES; do
  # mmdebstrap and qemu are not ours: a root that cannot be made is said loudly and skipped, not failed
  build_root "$arch" || skip "cannot build the Debian 12 $arch root: see $CACHE/mmdebstrap-$arch.log"
done
[ "${1:-}" = "--roots-only" ] && exit 0

MOUNTED=()
mount_root() {
  local root=$1
  mount -t proc proc "$root/proc" && MOUNTED+=("$root/proc")
  mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev" && MOUNTED+=("$root/dev")
  # 32-bit Java under qemu on ext4 fails listing folders (EOVERFLOW on 64-bit inode numbers): /tmp on tmpfs
  mount -t tmpfs -o size=512m tmpfs "$root/tmp" && MOUNTED+=("$root/tmp")
}
cleanup() {
  for pid in $(jobs -p); do kill "$pid" 2>/dev/null; done
  for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do umount -R -l "${MOUNTED[$i]}" 2>/dev/null; done
}
trap cleanup EXIT

# The reference: this machine's analyze of one capture.
WORK=$(mktemp -d)
java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp "$JAR" io.rollcoach.sim.SimMain --scenario full-session --speed 1000 --seed 7 --out "$WORK/session.rcap" \
  >/dev/null 2>&1 || { say "cannot write the capture with the simulator"; exit 1; }
java -jar "$JAR" analyze "$WORK/session.rcap" > "$WORK/analyze-x86.jsonl" 2>/dev/null
[ -s "$WORK/analyze-x86.jsonl" ] || { say "analyze on this machine printed nothing"; exit 1; }

free_port() { # a port nothing listens on
  local p
  while :; do p=$((20000 + RANDOM % 40000)); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done
}

check_arch() {
  local arch=$1 root=$CACHE/bookworm-$1 in=chroot
  mount_root "$root"
  mkdir -p "$root/opt/rc"
  cp "$JAR" "$WORK/session.rcap" "$root/opt/rc/"
  local run="chroot $root env HOME=/root LANG=C.UTF-8"

  local v
  v=$(bounded 180 $run java -jar /opt/rc/rollcoach.jar --version 2>&1) && say "$arch: $v ($(chroot "$root" uname -m))" \
    || fail "$arch: --version: $v"

  if bounded 400 $run java -jar /opt/rc/rollcoach.jar analyze /opt/rc/session.rcap > "$WORK/analyze-$arch.jsonl" 2>"$WORK/analyze-$arch.err" \
      && cmp -s "$WORK/analyze-x86.jsonl" "$WORK/analyze-$arch.jsonl"; then
    say "$arch: analyze byte-identical ($(wc -l < "$WORK/analyze-$arch.jsonl") events)"
  else
    fail "$arch: analyze differs from x86 or failed: $(tail -2 "$WORK/analyze-$arch.err")"
  fi

  # demo: answers on HTTP and MQTT (the embedded broker, HiveMQ) from outside the root
  local mport hport
  mport=$(free_port); hport=$(free_port)
  bounded 400 $run java -jar /opt/rc/rollcoach.jar demo --mqtt-port "$mport" --http-port "$hport" --duration 300 \
    > "$WORK/demo-$arch.out" 2>&1 &
  local demo=$! ok_http=0 ok_mqtt=0
  for _ in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:$hport/api/health" 2>/dev/null | grep -q '"rollers"' && { ok_http=1; break; }
    sleep 2
  done
  # the embedded broker comes up beside the display, under qemu some seconds later: ask until it answers
  for _ in $(seq 1 60); do
    [ $ok_http = 1 ] || break
    if bounded 100 mosquitto_sub -h 127.0.0.1 -p "$mport" -t 'rollcoach/#' -v -C 3 -W 90 > "$WORK/mqtt-$arch.txt" 2>&1; then
      ok_mqtt=1; break
    fi
    sleep 3
  done
  kill -INT $demo 2>/dev/null; wait $demo 2>/dev/null
  [ $ok_http = 1 ] && say "$arch: demo answers on HTTP (/api/health)" || fail "$arch: demo did not answer on HTTP: $(tail -3 "$WORK/demo-$arch.out")"
  [ $ok_mqtt = 1 ] && say "$arch: demo answers on MQTT: $(head -c 100 "$WORK/mqtt-$arch.txt")" \
    || fail "$arch: no MQTT message from the demo: $(tail -3 "$WORK/mqtt-$arch.txt")"

  # the serial path: a pty pair, the simulator on this machine writing one end, the gateway in the root reading
  # the other, with SQLite history, read back afterwards
  socat pty,raw,echo=0,ignoreeof,link="$WORK/roller" pty,raw,echo=0,link="$WORK/gateway" 2>/dev/null &
  local socat_pid=$!
  sleep 1
  local gw_pty
  gw_pty=$(readlink -f "$WORK/gateway")
  mport=$(free_port); hport=$(free_port)
  # the state on the root's tmpfs /tmp: 32-bit Java under qemu cannot list folders on ext4 (see above)
  printf 'gateway:\n  id: arm-check\nbroker:\n  port: %s\ndisplay:\n  port: %s\nstorage:\n  dir: /tmp/rc-state\n' \
    "$mport" "$hport" > "$root/opt/rc/check.yaml"
  rm -rf "$root/tmp/rc-state"
  bounded 400 $run java -jar /opt/rc/rollcoach.jar run --config /opt/rc/check.yaml --serial "$gw_pty" \
    > "$WORK/serial-$arch.out" 2>&1 &
  local gw=$!
  for _ in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:$hport/api/health" 2>/dev/null | grep -q '"rollers"' && break
    sleep 2
  done
  # The roller goes on sending (--loop) while the gateway is stopped: a "lost the roller" in its log can then come
  # only from the stop itself, which is what this checks. 30 s is over one loop at speed 4: a session's worth.
  bounded 120 java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp "$JAR" io.rollcoach.sim.SimMain \
    --scenario good-technique --speed 4 --loop --port "$WORK/roller" > "$WORK/sim-$arch.out" 2>&1 &
  local sim=$!
  sleep 30
  # Stop the gateway itself (the job above is a shell around chroot and qemu, which a TERM to it does not reach),
  # as systemctl stop would, and give it time to go before its port goes away.
  local gw_cmd="rollcoach.jar run --config /opt/rc/check.yaml"
  pkill -TERM -f "$gw_cmd" 2>/dev/null
  for _ in $(seq 1 60); do pgrep -f "$gw_cmd" >/dev/null || break; sleep 1; done
  kill -TERM $gw 2>/dev/null; wait $gw 2>/dev/null
  grep -q 'stopping' "$WORK/serial-$arch.out" || fail "$arch: the gateway did not say 'stopping…' at the stop"
  kill $sim 2>/dev/null; wait $sim 2>/dev/null
  pkill -f "SimMain --scenario good-technique --speed 4 --loop --port $WORK/roller" 2>/dev/null
  kill $socat_pid 2>/dev/null; wait $socat_pid 2>/dev/null
  local sessions
  sessions=$(bounded 180 $run java -jar /opt/rc/rollcoach.jar history --db /tmp/rc-state/history.db --format csv 2>&1)
  if [ "$(printf '%s\n' "$sessions" | grep -c ',')" -ge 2 ]; then
    say "$arch: serial over a pty, session kept in SQLite and read back: $(printf '%s\n' "$sessions" | sed -n 2p | cut -c1-80)"
  else
    fail "$arch: no session read back after the serial run: $sessions / $(tail -5 "$WORK/serial-$arch.out")"
  fi
  grep -q 'lost the roller' "$WORK/serial-$arch.out" && fail "$arch: a stop logged 'lost the roller'"

  if [ "$arch" = arm64 ] && [ -n "$DEB" ]; then
    cp "$DEB" "$root/tmp/rollcoach.deb"
    if bounded 600 $run env ROLLCOACH_CDS_AT_INSTALL=no dpkg -i /tmp/rollcoach.deb > "$WORK/dpkg-$arch.out" 2>&1 \
        && v=$(bounded 180 $run rollcoach --version 2>&1) \
        && bounded 180 $run runuser -u rollcoach -- rollcoach run --check > "$WORK/check-$arch.out" 2>&1; then
      say "$arch: the .deb installs: $v; $(cat "$WORK/check-$arch.out")"
    else
      fail "$arch: installing the .deb: $(tail -5 "$WORK/dpkg-$arch.out") $(cat "$WORK/check-$arch.out" 2>/dev/null)"
    fi
    bounded 300 $run dpkg --purge rollcoach > /dev/null 2>&1 || fail "$arch: dpkg --purge rollcoach"
  fi
  for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do umount -R -l "${MOUNTED[$i]}" 2>/dev/null; done
  MOUNTED=()
}

for arch in $ARCHES; do
  check_arch "$arch"
  [ $((SECONDS - START_S)) -lt "$BUDGET_S" ] || { say "out of time (ARM_CHECK_BUDGET_S=$BUDGET_S): the rest not run"; cut_short=1; break; }
done
rm -rf "$WORK"
if [ $failures -gt 0 ]; then say "$failures check(s) failed"; exit 1; fi
if [ $cut_short = 1 ]; then say "passed what ran in $((SECONDS - START_S)) s; the rest was cut short by the budget"
else say "passed in $((SECONDS - START_S)) s"; fi
