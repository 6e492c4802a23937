package io.rollcoach.gateway.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import io.rollcoach.gateway.config.GpioInputConfig;

/**
 * The Pi4J context an input needs on a Pi. Sensors on I2C alone (ADS1115 and AS5600, no button) get only Pi4J's
 * linuxfs I2C provider: the auto context would start the GpioD provider too, whose native library needs glibc 2.33 and
 * so fails on Bullseye, though I2C would work there. Anything on a GPIO pin gets the auto context.
 */
public final class PiContexts {
    private PiContexts() {
    }

    /** Whether the input uses header pins (HX711, a quadrature encoder or a button), not only the I2C bus. */
    public static boolean usesGpioPins(GpioInputConfig config) {
        return config.force().type() != GpioInputConfig.ForceType.ADS1115
            || config.rotation().type() != GpioInputConfig.RotationType.AS5600
            || config.button() != null;
    }

    /** The same for one force sensor (calibrate opens only that). */
    public static boolean usesGpioPins(GpioInputConfig.ForceConfig force) {
        return force.type() != GpioInputConfig.ForceType.ADS1115;
    }

    public static Context forPins(boolean gpioPins) {
        if (gpioPins) {
            return Pi4J.newAutoContext();
        }
        return Pi4J.newContextBuilder().noAutoDetect().add(LinuxFsI2CProvider.newInstance()).build();
    }
}
