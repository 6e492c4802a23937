#!/usr/bin/env python3
"""Splits each message's trip in an ftrace record (from trace-latency.sh) into its legs.

Usage: legs.py TRACE GATEWAY_PID BROKER_PID HARNESS_PID   (TRACE.threads lists 'pid tid name' per thread)

The threads are found from what they do: the harness's writer is its thread that writes most, its subscriber the
one that reads most; the gateway's (or relay's) reader is its thread that reads most; its sender is the thread
and descriptor, other than the reader, that writes most (the broker socket); the broker's subscriber socket is the
descriptor it writes most. A message is a write by the sender; its legs end at the first matching event after it.
"""
import collections
import re
import sys

EVENT = re.compile(r'^\s*(.+?)-(\d+)\s+\[(\d+)\]\s+\S+\s+([\d.]+): (\w+)[:(]? ?(.*)$')
WRITES = ('sys_write', 'sys_sendto', 'sys_writev')


def load(path):
    events = []
    for line in open(path):
        match = EVENT.match(line)
        if match and not line.startswith('#'):
            _, tid, _, stamp, name, rest = match.groups()
            fd = re.search(r'fd: (\w+),', rest)
            events.append((float(stamp) * 1e6, int(tid), name, fd.group(1) if fd else None, rest))
    return events


def busiest(events, tids, names, exclude=()):
    counts = collections.Counter((tid, fd) for _, tid, name, fd, _ in events
                                 if tid in tids and name in names and tid not in exclude)
    if not counts:
        sys.exit('legs: no %s by threads %s in the trace' % ('/'.join(names), sorted(tids)[:5]))
    return counts.most_common(1)[0][0]


def main():
    path, gateway, broker, harness = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    tasks = collections.defaultdict(set)
    names = {}
    for line in open(path + '.threads'):
        pid, tid, name = line.rstrip('\n').split(' ', 2)
        tasks[pid].add(int(tid))
        names[int(tid)] = name
    events = load(path)
    writer, _ = busiest(events, tasks[harness], WRITES)
    subscriber, _ = busiest(events, tasks[harness], ('sys_read',))
    reader, _ = busiest(events, tasks[gateway], ('sys_read',))
    sender, sender_fd = busiest(events, tasks[gateway], WRITES, exclude=(reader,))
    _, broker_fd = busiest(events, tasks[broker], WRITES)
    print('threads: writer %s, reader %s, sender %s (fd %s), broker fd %s, subscriber %s' % (
        names[writer], names[reader], names[sender], sender_fd, broker_fd, names[subscriber]))

    written = read = None
    trip = None
    trips = []
    for stamp, tid, name, fd, _ in events:
        if tid == writer and name in WRITES:
            written = stamp
        elif tid == reader and name == 'sys_read':
            read = (written, stamp)
        elif tid == sender and name in WRITES and fd == sender_fd and read and read[0] is not None:
            trip = [read[0], read[1], stamp, None, None]
        elif trip and trip[3] is None and tid in tasks[broker] and name in WRITES and fd == broker_fd:
            trip[3] = stamp
        elif trip and trip[3] is not None and tid == subscriber and name == 'sys_read':
            trip[4] = stamp
            trips.append(trip)
            trip = None
    if not trips:
        sys.exit('legs: no complete trip in the trace')
    print('messages: %d' % len(trips))
    legs = [('pty write -> reader has the frame', 0, 1), ('reader -> write to the broker', 1, 2),
            ('broker has it -> writes to subscriber', 2, 3), ('-> subscriber has it', 3, 4), ('total', 0, 4)]
    for label, start, end in legs:
        spans = sorted(t[end] - t[start] for t in trips)
        print('%-40s p50 %6.0f us   p90 %6.0f us' % (label, spans[len(spans) // 2], spans[int(len(spans) * 0.9)]))


if __name__ == '__main__':
    main()
