package io.rollcoach.gateway.service;

import java.io.IOException;
import java.util.function.Function;

import com.pi4j.context.Context;
import com.pi4j.provider.exception.ProviderException;
import io.rollcoach.gateway.config.GpioInputConfig;
import io.rollcoach.gateway.gpio.GpioRoller;
import io.rollcoach.gateway.gpio.GpioSensors;
import io.rollcoach.gateway.gpio.PiContexts;
import io.rollcoach.gateway.input.RollerListener;

/** Opens a wired roller's sensors: Pi4J's providers on a Pi, a stand-in in tests. Called on the starting thread. */
public interface WiredSensors {
    /**
     * @throws WiredInputUnsupportedException when this Pi or OS cannot run wired sensors at all
     * @throws IOException                    when a sensor does not answer (yet): worth waiting for
     */
    GpioRoller open(GpioInputConfig config, RollerListener listener) throws IOException;

    /** Pi4J on a Pi: the context {@link PiContexts} picks for the input's sensors. */
    static WiredSensors onThePi() {
        return pi4j(PiContexts::forPins);
    }

    /**
     * Sensors opened on the Pi4J context {@code contexts} gives (its argument: whether header pins are used, not only
     * I2C), one per open, shut down with the roller or when the open fails. Whatever shows that Pi4J cannot run here (a
     * {@link LinkageError} from its native libraries, or Pi4J's "include this provider JAR" after it swallowed one)
     * becomes a {@link WiredInputUnsupportedException}; anything else is a sensor to wait for.
     */
    static WiredSensors pi4j(Function<Boolean, Context> contexts) {
        return (config, listener) -> {
            Context pi4j = null;
            try {
                pi4j = contexts.apply(PiContexts.usesGpioPins(config));
                GpioRoller roller = GpioSensors.roller(pi4j, config, listener);
                roller.closeAlso(pi4j::shutdown);
                return roller;
            } catch (LinkageError e) {
                shutdownQuietly(pi4j);
                throw new WiredInputUnsupportedException(config.name(), e);
            } catch (RuntimeException e) {
                shutdownQuietly(pi4j);
                Throwable linkage = linkageCause(e);
                if (linkage != null || e instanceof ProviderException) {
                    throw new WiredInputUnsupportedException(config.name(), linkage != null ? linkage : e);
                }
                throw new IOException("cannot open the sensors of GPIO input '" + config.name() + "': "
                    + e.getMessage() + " (I2C enabled, the wiring as in docs/wiring.md, the user in the gpio and i2c "
                    + "groups?)", e);
            }
        };
    }

    private static Throwable linkageCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LinkageError) {
                return t;
            }
        }
        return null;
    }

    private static void shutdownQuietly(Context pi4j) {
        if (pi4j != null) {
            try {
                pi4j.shutdown();
            } catch (RuntimeException | LinkageError ignored) {
                // the open failed already; that is what gets said
            }
        }
    }
}
