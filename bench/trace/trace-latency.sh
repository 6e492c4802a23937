#!/usr/bin/env bash
# Where an event's time goes, from the kernel's own clock: records 10 s of a running `latency` measurement with
# ftrace (the syscalls that carry a message and the scheduler's wake-ups) and splits each telemetry message's trip
# into its legs (pty -> reader, reader -> the write to the broker, broker -> its write to the subscriber, -> the
# subscriber's read). Needs root and tracefs. Start the run first, then this once it is past its warm-up:
#
#   java -jar bench/target/rollcoach-bench.jar latency --seconds 60 --broker tcp://127.0.0.1:18883 &
#   sleep 25; sudo bench/trace/trace-latency.sh "rollcoach.jar run" 18883
#
# The first argument picks the process under test (pgrep -f), the second the broker's port. docs/performance.md
# shows what it found.
set -euo pipefail
pattern=${1:?usage: trace-latency.sh PROCESS-PATTERN BROKER-PORT [SECONDS] [OUT]}
port=${2:?usage: trace-latency.sh PROCESS-PATTERN BROKER-PORT [SECONDS] [OUT]}
seconds=${3:-10}
out=${4:-/tmp/rollcoach-trace.txt}
tracing=/sys/kernel/tracing
[ -e $tracing/trace ] || mount -t tracefs nodev $tracing
[ -w $tracing/trace ] || { echo "trace-latency: cannot write $tracing (run as root)" >&2; exit 2; }

pid_of() { pgrep -f "$1" | grep -vx "$$" | head -1; }   # not this script, whose arguments match too
gateway=$(pid_of "$pattern") || true
harness=$(pid_of "rollcoach-bench.jar latency") || true
broker=$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2) || true
for name in gateway harness broker; do
  [ -n "${!name}" ] || { echo "trace-latency: no $name process found (pattern '$pattern', port $port)" >&2; exit 1; }
done

echo 0 > $tracing/tracing_on
echo > $tracing/trace
echo mono > $tracing/trace_clock
echo 16384 > $tracing/buffer_size_kb
(ls /proc/$gateway/task; ls /proc/$broker/task; ls /proc/$harness/task) | tr '\n' ' ' > $tracing/set_event_pid
echo > $tracing/set_event
for event in syscalls:sys_exit_read syscalls:sys_enter_write syscalls:sys_enter_sendto syscalls:sys_enter_writev \
             sched:sched_waking sched:sched_switch; do
  echo $event >> $tracing/set_event
done
echo 1 > $tracing/tracing_on
sleep "$seconds"
echo 0 > $tracing/tracing_on
cat $tracing/trace > "$out"
echo > $tracing/set_event
echo > $tracing/set_event_pid
{
  for pid in $gateway $broker $harness; do
    for task in /proc/$pid/task/*; do echo "$pid ${task##*/} $(cat $task/comm)"; done
  done
} > "$out.threads"
python3 "$(dirname "$0")/legs.py" "$out" "$gateway" "$broker" "$harness"
