#!/usr/bin/env python3
"""A plain relay of a part of RollCoach's rules, pyserial + paho: the baseline the latency goal is set against.

It reads protocol-v1 frames from a serial port, judges contact and stroke length as rules.md describes (the same
thresholds), and publishes feedback events and telemetry in the gateway's topics and JSON, so the bench harness
times it exactly as it times the gateway:

    java -jar bench/target/rollcoach-bench.jar latency --relay "python3 bench/relay/plain_relay.py"

It takes the gateway's `run` arguments (only --broker and --serial matter) and says 'connected to the MQTT broker'
as the gateway does. Debian packages: python3-serial python3-paho-mqtt. No coverage, trigger points, dwell, order,
history, display, commands, reconnection or bounded queues: a baseline, not a gateway.
"""
import argparse
import binascii
import socket
import struct
import sys
import threading
import time
from urllib.parse import urlparse

import paho.mqtt.client as mqtt
import serial

CONTACT_ON_DN, CONTACT_OFF_DN = 200, 100      # contact.onN 20 N, contact.offN 10 N
STROKE_MIN_MM, STROKE_MAX_MM = 20.0, 58.0      # stroke.minMm, stroke.maxMm
REVERSAL_MM = 3.0                              # stroke.reversalMm
REPEAT_S = 1.0                                 # feedback.repeatS as the harness sets it
TELEMETRY_PERIOD_US = 50_000                   # telemetry.hz=20 as the harness sets it


def cobs_decode(chunk):
    out, i = bytearray(), 0
    while i < len(chunk):
        code = chunk[i]
        if code == 0 or i + code > len(chunk):
            return None
        out += chunk[i + 1:i + code]
        i += code
        if code < 255 and i < len(chunk):
            out.append(0)
    return bytes(out)


class Roller:
    """One roller's rules: contact with hysteresis, strokes between reversals, a fault said at once, then at most
    every REPEAT_S while it lasts, 'ok' on the first good stroke after it."""

    def __init__(self, publish, publish_telemetry):
        self.publish, self.publish_telemetry = publish, publish_telemetry
        self.device, self.radius_mm = None, 75.0
        self.origin_us, self.n, self.next_telemetry_us = None, 0, 0
        self.loaded, self.contact_angle = False, 0.0
        self.direction, self.extreme, self.last_reversal = 0, 0.0, None
        self.fault, self.fault_said_us = None, 0

    def on_frame(self, body):
        kind, payload = body[1], body[4:-2]
        if kind == 1 and len(payload) >= 15:
            device, _, _, _, radius_dmm, _ = struct.unpack_from('<QBBHHB', payload)
            self.device, self.radius_mm = f'{device:016x}', radius_dmm / 10
        elif kind == 2 and len(payload) >= 11 and self.device:
            t_us, force_dn, angle, _ = struct.unpack_from('<IhiB', payload)
            self.on_sample(t_us, force_dn, angle / 1e4)

    def on_sample(self, t_us, force_dn, angle):
        if self.origin_us is None:
            if force_dn < CONTACT_ON_DN:
                return
            self.origin_us = t_us
        position = (angle - self.contact_angle) * self.radius_mm
        if not self.loaded and force_dn >= CONTACT_ON_DN:
            self.loaded, self.contact_angle = True, angle
            self.direction, self.extreme, self.last_reversal = 0, 0.0, None
            self.event(t_us, 'contact', 'on', 'info', None)
            position = 0.0
        elif self.loaded and force_dn < CONTACT_OFF_DN:
            self.loaded = False
            self.event(t_us, 'contact', 'off', 'info', None)
        if self.loaded:
            self.track_stroke(t_us, position)
        if t_us >= self.next_telemetry_us:
            self.next_telemetry_us = t_us + TELEMETRY_PERIOD_US
            self.publish_telemetry(self.device, '{"t":%.3f,"device":"%s","position":%.1f,"force":%.1f,'
                                   '"contact":%s}' % (self.seconds(t_us), self.device, position, force_dn / 10,
                                                      'true' if self.loaded else 'false'))

    def track_stroke(self, t_us, position):
        if self.direction == 0:
            if abs(position - self.extreme) >= REVERSAL_MM:
                self.direction = 1 if position > self.extreme else -1
                self.extreme = position
            return
        if (position - self.extreme) * self.direction > 0:
            self.extreme = position
        elif abs(position - self.extreme) >= REVERSAL_MM:
            if self.last_reversal is not None:
                self.judge(t_us, abs(self.extreme - self.last_reversal))
            self.last_reversal, self.direction, self.extreme = self.extreme, -self.direction, position

    def judge(self, t_us, stroke_mm):
        verdict = 'too-short' if stroke_mm < STROKE_MIN_MM else 'too-long' if stroke_mm > STROKE_MAX_MM else None
        if verdict is None:
            if self.fault:
                self.fault = None
                self.event(t_us, 'stroke', 'ok', 'info', stroke_mm)
        elif verdict != self.fault or t_us - self.fault_said_us >= REPEAT_S * 1e6:
            self.fault, self.fault_said_us = verdict, t_us
            self.event(t_us, 'stroke', verdict, 'warn', stroke_mm)

    def event(self, t_us, rule, verdict, severity, value):
        self.n += 1
        value_json = 'null' if value is None else '%.1f' % value
        self.publish(self.device, '{"t":%.3f,"n":%d,"device":"%s","rule":"%s","verdict":"%s","severity":"%s",'
                     '"value":%s,"unit":"mm"}' % (self.seconds(t_us), self.n, self.device, rule, verdict, severity,
                                                  value_json))

    def seconds(self, t_us):
        return (t_us - self.origin_us) / 1e6


def read_port(path, publish, publish_telemetry):
    port = serial.Serial(path, 115200, timeout=None)
    roller, pending = Roller(publish, publish_telemetry), b''
    while True:
        pending += port.read(port.in_waiting or 1)
        *chunks, pending = pending.split(b'\x00')
        for chunk in chunks:
            body = cobs_decode(chunk) if chunk else None
            if body and len(body) >= 6 and body[0] == 1 and \
                    binascii.crc_hqx(body[:-2], 0xFFFF) == struct.unpack('<H', body[-2:])[0]:
                roller.on_frame(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('command', nargs='?', default='run')
    parser.add_argument('--broker', default='tcp://127.0.0.1:1883')
    parser.add_argument('--serial', action='append', required=True)
    parser.add_argument('--config')
    parser.add_argument('--set', action='append')
    args = parser.parse_args()
    url = urlparse(args.broker)
    client = mqtt.Client(client_id=f'plain-relay-{time.time_ns()}')
    connected = threading.Event()

    def on_connect(c, userdata, flags, rc):
        # the gateway's own socket has TCP_NODELAY on: the relay gets the same, or Nagle would hold its events
        c.socket().setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        connected.set()

    client.on_connect = on_connect
    client.max_queued_messages_set(0)
    client.max_inflight_messages_set(1000)
    client.connect(url.hostname, url.port or 1883, keepalive=30)
    client.loop_start()
    if not connected.wait(10):
        sys.exit('plain relay: no connection to ' + args.broker)
    print('plain relay: connected to the MQTT broker', args.broker, flush=True)

    def publish(device, json):
        client.publish(f'rollcoach/{device}/feedback', json, qos=1)

    def publish_telemetry(device, json):
        client.publish(f'rollcoach/{device}/telemetry', json, qos=0)

    threads = [threading.Thread(target=read_port, args=(p, publish, publish_telemetry), daemon=True)
               for p in args.serial]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


if __name__ == '__main__':
    main()
