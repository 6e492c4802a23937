package io.rollcoach.gateway.serial;

import java.util.ArrayList;
import java.util.List;

import io.rollcoach.gateway.input.RollerListener;

/** Keeps what a link reports, for assertions from the test thread; allocating per sample is fine in a test. */
public final class RecordingListener implements RollerListener {
    /** One sample as its four fields, comparable with equals. */
    public record Sample(long timeUs, int force, int angle, int flags) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final List<Long> tickNanos = new ArrayList<>();
    private Thread tickThread;
    private int hellos;
    private int lost;
    private int restored;
    private long lastLostNanos;
    private long framesLostTotal;
    private long framesRejectedTotal;

    @Override
    public synchronized void onHello(long deviceId, int firmwareMajor, int firmwareMinor, int sampleRateHz,
                                     int radiusTenthMm, int sensors) {
        hellos++;
    }

    @Override
    public synchronized void onSample(long timeUs, int forceDeciNewtons, int angleTenthMilliradians, int flags) {
        samples.add(new Sample(timeUs, forceDeciNewtons, angleTenthMilliradians, flags));
    }

    @Override
    public synchronized void onDataQuality(long lostTotal, long rejectedTotal) {
        framesLostTotal = lostTotal;
        framesRejectedTotal = rejectedTotal;
    }

    @Override
    public synchronized void onLinkLost() {
        lost++;
        lastLostNanos = System.nanoTime();
    }

    @Override
    public synchronized void onLinkRestored() {
        restored++;
    }

    @Override
    public synchronized void onTick(long nowNanos) {
        tickNanos.add(nowNanos);
        tickThread = Thread.currentThread();
    }

    public synchronized List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    public synchronized int sampleCount() {
        return samples.size();
    }

    public synchronized List<Long> ticks() {
        return new ArrayList<>(tickNanos);
    }

    public synchronized Thread tickThread() {
        return tickThread;
    }

    public synchronized int hellos() {
        return hellos;
    }

    public synchronized int lost() {
        return lost;
    }

    public synchronized long lastLostNanos() {
        return lastLostNanos;
    }

    public synchronized int restored() {
        return restored;
    }

    public synchronized long framesLostTotal() {
        return framesLostTotal;
    }

    public synchronized long framesRejectedTotal() {
        return framesRejectedTotal;
    }
}
