package io.rollcoach.gateway.gpio;

import java.util.ArrayList;
import java.util.List;

import io.rollcoach.gateway.input.RollerListener;

/** Keeps what an input said, for assertions: samples as {timeUs, force, angle, flags}, other calls by name. */
final class RecordingListener implements RollerListener {
    final List<long[]> samples = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    final List<Integer> buttons = new ArrayList<>();
    int hellos;
    int radiusTenthMm;
    int rateHz;
    int ticks;

    @Override
    public void onHello(long deviceId, int firmwareMajor, int firmwareMinor, int sampleRateHz, int radiusTenthMm,
                        int sensors) {
        hellos++;
        this.radiusTenthMm = radiusTenthMm;
        this.rateHz = sampleRateHz;
        calls.add("hello");
    }

    @Override
    public void onSample(long timeUs, int forceDeciNewtons, int angleTenthMilliradians, int flags) {
        samples.add(new long[] {timeUs, forceDeciNewtons, angleTenthMilliradians, flags});
    }

    @Override
    public void onButton(int code) {
        buttons.add(code);
        calls.add("button " + code);
    }

    @Override
    public void onLinkLost() {
        calls.add("lost@" + samples.size());
    }

    @Override
    public void onLinkRestored() {
        calls.add("restored@" + samples.size());
    }

    @Override
    public void onTick(long nowNanos) {
        ticks++;
    }
}
