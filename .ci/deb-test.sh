#!/usr/bin/env bash
# The .deb test: installs gateway/target/rollcoach_*_all.deb on this Debian 12 with dpkg (as root) and checks what
# docs/install.md promises: files, the rollcoach user and its groups, the config's permissions, rollcoach --version,
# rollcoach run --check, the service's command starting and stopping (with systemd when it runs, else as the unit
# would run it), then remove (config and history kept) and purge (both gone).
#
#   .ci/deb-test.sh [DEB]       exit 0: passed or skipped (not root, no dpkg); 1: a check failed
set -uo pipefail
cd "$(dirname "$0")/.."
DEB=${1:-$(ls gateway/target/rollcoach_*_all.deb 2>/dev/null | head -1)}
failures=0
say() { echo "deb-test: $*"; }
ok() { say "ok: $*"; }
fail() { say "FAILED: $*"; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@" >/dev/null 2>&1; then ok "$what"; else fail "$what"; fi; }

[ "$(id -u)" -eq 0 ] || { say "SKIPPED: needs root"; exit 0; }
command -v dpkg >/dev/null 2>&1 || { say "SKIPPED: no dpkg"; exit 0; }
[ -n "$DEB" ] && [ -f "$DEB" ] || { say "no .deb: build first (mvn package)"; exit 1; }
if dpkg -s rollcoach >/dev/null 2>&1; then say "rollcoach is installed already: purging it first"; dpkg --purge rollcoach >/dev/null; fi

say "installing $DEB"
if ! timeout 600 dpkg -i "$DEB"; then fail "dpkg -i"; exit 1; fi

mode() { stat -c '%a %U:%G' "$1" 2>/dev/null; }
check "the jar in /usr/share/rollcoach" test -f /usr/share/rollcoach/rollcoach.jar
check "/usr/bin/rollcoach executable" test -x /usr/bin/rollcoach
check "the systemd unit" test -f /lib/systemd/system/rollcoach.service
check "the unit runs /usr/bin/rollcoach as rollcoach" grep -q '^ExecStart=/usr/bin/rollcoach run' /lib/systemd/system/rollcoach.service
check "the config is a conffile" grep -qx /etc/rollcoach/rollcoach.yaml /var/lib/dpkg/info/rollcoach.conffiles
[ "$(mode /etc/rollcoach/rollcoach.yaml)" = "640 root:rollcoach" ] && ok "config 640 root:rollcoach" \
  || fail "config is $(mode /etc/rollcoach/rollcoach.yaml), not 640 root:rollcoach"
[ "$(mode /etc/rollcoach)" = "750 root:rollcoach" ] && ok "/etc/rollcoach 750 root:rollcoach" \
  || fail "/etc/rollcoach is $(mode /etc/rollcoach)"
[ "$(mode /var/lib/rollcoach)" = "750 rollcoach:rollcoach" ] && ok "/var/lib/rollcoach 750 rollcoach:rollcoach" \
  || fail "/var/lib/rollcoach is $(mode /var/lib/rollcoach)"
check "a rollcoach system user" getent passwd rollcoach
[ "$(getent passwd rollcoach | cut -d: -f7)" = /usr/sbin/nologin ] && ok "rollcoach has no login shell" || fail "rollcoach's shell"
groups_of=$(id -nG rollcoach)
for g in dialout gpio i2c; do
  [[ " $groups_of " == *" $g "* ]] && ok "rollcoach in $g" || fail "rollcoach not in $g ($groups_of)"
done
check "nobody else reads the config" bash -c '! runuser -u nobody -- cat /etc/rollcoach/rollcoach.yaml'
ls /var/cache/rollcoach/rollcoach-*.jsa >/dev/null 2>&1 && ok "class-data archive made at install: $(ls /var/cache/rollcoach)" \
  || say "note: no class-data archive made at install (the start is slower, nothing else)"
ls /var/cache/rollcoach/libsqlitejdbc-*.so >/dev/null 2>&1 && ok "SQLite's native library written at install" \
  || say "note: SQLite's native library not written at install (sqlite-jdbc copies it to /tmp at each start)"

v=$(timeout 120 rollcoach --version 2>&1) && [[ "$v" == rollcoach* ]] && ok "rollcoach --version: $v" || fail "rollcoach --version: $v"
out=$(timeout 120 runuser -u rollcoach -- rollcoach run --check 2>&1) && ok "rollcoach run --check as rollcoach: $out" \
  || fail "rollcoach run --check as rollcoach: $out"

# The service: with systemd, it must be active; without (a container), run its command as the unit does, on free
# ports so a broker or display already here does not matter; the default config's roller is not plugged in, which
# the gateway waits for while serving the display.
if [ -d /run/systemd/system ]; then
  sleep 5
  check "systemctl is-active rollcoach" systemctl is-active --quiet rollcoach
fi
free_port() { # a port nothing listens on
  local p
  while :; do p=$((20000 + RANDOM % 40000)); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done
}
mport=$(free_port); hport=$(free_port)
opts=$(sed -n 's/^Environment="JAVA_OPTS=\(.*\)"$/\1/p' /lib/systemd/system/rollcoach.service)
log=$(mktemp)
JAVA_OPTS=$opts timeout 120 runuser -u rollcoach -- env JAVA_OPTS="$opts" ROLLCOACH_HOME=/var/lib/rollcoach \
  rollcoach run --config /etc/rollcoach/rollcoach.yaml --mqtt-port "$mport" --http-port "$hport" > "$log" 2>&1 &
svc=$!
up=0
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$hport/api/health" 2>/dev/null | grep -q '"rollers"'; then up=1; break; fi
  sleep 1
done
[ $up = 1 ] && ok "the service's command serves the display (/api/health) while waiting for its roller" \
  || fail "the service's command did not serve: $(tail -5 "$log")"
grep -q 'waiting for it' "$log" && ok "it says it waits for the missing port" || fail "no 'waiting for it' in: $(tail -5 "$log")"
grep -Eq 'display at .*(\.local|[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+):' "$log" && ok "display URL named for the LAN: $(grep -o 'display at .*' "$log")" \
  || fail "no LAN display URL in: $(grep display "$log")"
t0=$(date +%s%N)
kill -TERM $svc 2>/dev/null
wait $svc; rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
[ $ms -le 3000 ] && ok "stopped in $ms ms (rc $rc)" || fail "stop took $ms ms"
grep -q 'lost the roller' "$log" && fail "a stop logged 'lost the roller'"
ls /var/lib/rollcoach/captures/*.rcap >/dev/null 2>&1 && fail "a capture file for a port that never opened"
rm -f "$log"

# remove keeps the config and the history; purge removes them
echo "# kept" >> /etc/rollcoach/rollcoach.yaml
touch /var/lib/rollcoach/history.db
check "dpkg -r rollcoach" timeout 300 dpkg -r rollcoach
check "removed: no /usr/bin/rollcoach" test ! -e /usr/bin/rollcoach
check "removed: no jar" test ! -e /usr/share/rollcoach/rollcoach.jar
check "remove keeps the edited config" grep -q '# kept' /etc/rollcoach/rollcoach.yaml
check "remove keeps the history" test -f /var/lib/rollcoach/history.db
check "dpkg --purge rollcoach" timeout 300 dpkg --purge rollcoach
check "purged: no /etc/rollcoach" test ! -e /etc/rollcoach
check "purged: no /var/lib/rollcoach" test ! -e /var/lib/rollcoach
check "purged: no statoverride left" bash -c '! dpkg-statoverride --list | grep -q rollcoach'

if [ $failures -gt 0 ]; then say "$failures check(s) failed"; exit 1; fi
say "passed"
