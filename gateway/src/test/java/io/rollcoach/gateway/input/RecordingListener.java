package io.rollcoach.gateway.input;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps what an input (a serial link, a GPIO roller, a frame dispatcher) reports, for assertions from the test
 * thread: samples, the order of the other calls ("hello", "button 1", "lost@10" with the samples seen so far), ticks
 * and data quality. Allocating per sample is fine in a test.
 */
public final class RecordingListener implements RollerListener {
    /** One sample as its four fields, comparable with equals. */
    public record Sample(long timeUs, int force, int angle, int flags) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private final List<Integer> buttons = new ArrayList<>();
    private final List<Long> tickNanos = new ArrayList<>();
    private Thread tickThread;
    private int hellos;
    private int radiusTenthMm;
    private int sampleRateHz;
    private int lost;
    private int restored;
    private long lastLostNanos;
    private long framesLostTotal;
    private long framesRejectedTotal;

    @Override
    public synchronized void onHello(long deviceId, int firmwareMajor, int firmwareMinor, int sampleRateHz,
                                     int radiusTenthMm, int sensors) {
        hellos++;
        this.radiusTenthMm = radiusTenthMm;
        this.sampleRateHz = sampleRateHz;
        calls.add("hello");
    }

    @Override
    public synchronized void onButton(int code) {
        buttons.add(code);
        calls.add("button " + code);
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
        calls.add("lost@" + samples.size());
    }

    @Override
    public synchronized void onLinkRestored() {
        restored++;
        calls.add("restored@" + samples.size());
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

    /** The last HELLO's roller radius, in 0.1 mm. */
    public synchronized int radiusTenthMm() {
        return radiusTenthMm;
    }

    /** The last HELLO's sample rate. */
    public synchronized int sampleRateHz() {
        return sampleRateHz;
    }

    /** Every call but samples, ticks and data quality, in order. */
    public synchronized List<String> calls() {
        return new ArrayList<>(calls);
    }

    public synchronized List<Integer> buttons() {
        return new ArrayList<>(buttons);
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
