package io.rollcoach.gateway.input;

import java.util.Objects;

import org.agrona.ErrorHandler;

/**
 * Passes every call on to a roller's listener (its engine) and hands whatever it throws to an {@link ErrorHandler}
 * instead of to the input: one bad call loses only itself, never the frames after it in the same read, the decoder's
 * place in the stream or the reader thread. Called on the roller's input thread; adds a try per call, nothing else.
 */
public final class GuardedListener implements RollerListener {
    private final RollerListener listener;
    private final ErrorHandler errors;

    public GuardedListener(RollerListener listener, ErrorHandler errors) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    @Override
    public void onHello(long deviceId, int firmwareMajor, int firmwareMinor, int sampleRateHz, int radiusTenthMm,
                        int sensors) {
        try {
            listener.onHello(deviceId, firmwareMajor, firmwareMinor, sampleRateHz, radiusTenthMm, sensors);
        } catch (RuntimeException e) {
            errors.onError(e);
        }
    }

    @Override
    public void onSample(long timeUs, int forceDeciNewtons, int angleTenthMilliradians, int flags) {
        try {
            listener.onSample(timeUs, forceDeciNewtons, angleTenthMilliradians, flags);
        } catch (RuntimeException e) {
            errors.onError(e);
        }
    }

    @Override
    public void onStatus(int batteryPercent, int temperatureCelsius, int faultFlags) {
        try {
            listener.onStatus(batteryPercent, temperatureCelsius, faultFlags);
        } catch (RuntimeException e) {
            errors.onError(e);
        }
    }

    @Override
    public void onButton(int code) {
        try {
            listener.onButton(code);
        } catch (RuntimeException e) {
            errors.onError(e);
        }
    }

    @Override
    public void onDataQuality(long framesLostTotal, long framesRejectedTotal) {
        try {
            listener.onDataQuality(framesLostTotal, framesRejectedTotal);
        } catch (RuntimeException e) {
            errors.onError(e);
        }
    }

    @Override
    public void onLinkLost() {
        try {
            listener.onLinkLost();
        } catch (RuntimeException e) {
            errors.onError(e);
        }
    }

    @Override
    public void onLinkRestored() {
        try {
            listener.onLinkRestored();
        } catch (RuntimeException e) {
            errors.onError(e);
        }
    }

    @Override
    public void onTick(long nowNanos) {
        try {
            listener.onTick(nowNanos);
        } catch (RuntimeException e) {
            errors.onError(e);
        }
    }
}
