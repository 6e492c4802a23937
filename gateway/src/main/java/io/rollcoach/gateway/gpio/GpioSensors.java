package io.rollcoach.gateway.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import io.rollcoach.gateway.config.GpioInputConfig.ButtonConfig;
import io.rollcoach.gateway.config.GpioInputConfig.ForceConfig;
import io.rollcoach.gateway.config.GpioInputConfig.RotationConfig;
import io.rollcoach.gateway.config.GpioInputConfig;
import io.rollcoach.gateway.input.RollerListener;

/**
 * Opens the configured sensors on a Pi4J context ({@code Pi4J.newAutoContext()} on a Pi, the mock platform in tests)
 * and assembles a {@link GpioRoller}. Called on the main thread at start.
 */
public final class GpioSensors {
    private GpioSensors() {
    }

    public static GpioRoller roller(Context pi4j, GpioInputConfig config, RollerListener listener) {
        ForceSensor force = force(pi4j, config.force());
        AngleSensor angle = rotation(pi4j, config.rotation());
        PushButton button = config.button() == null ? null : button(pi4j, config.button());
        return new GpioRoller(config.name(), force, angle, button, config.rateHz(), config.radiusTenthMm(), listener);
    }

    public static ForceSensor force(Context pi4j, ForceConfig config) {
        if (config.type() == GpioInputConfig.ForceType.ADS1115) {
            return new Ads1115(new RegisterBus(i2c(pi4j, config.bus(), config.address())), config);
        }
        DigitalOutput clock = pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
            .id("rollcoach-hx711-sck-" + config.clockPin()).name("HX711 SCK").address(config.clockPin())
            // SCK held high for over 60 µs powers the HX711 down: do so when we exit.
            .initial(DigitalState.LOW).shutdown(DigitalState.HIGH));
        DigitalInput data = input(pi4j, "rollcoach-hx711-dt-", config.dataPin(), "HX711 DT", PullResistance.OFF);
        return new Hx711(clock, data, config.sps(), config.offset(), config.scale(), System::nanoTime);
    }

    public static AngleSensor rotation(Context pi4j, RotationConfig config) {
        if (config.type() == GpioInputConfig.RotationType.AS5600) {
            return new As5600(new RegisterBus(i2c(pi4j, config.bus(), config.address())), config.reverse());
        }
        PullResistance pull = config.pullUp() ? PullResistance.PULL_UP : PullResistance.OFF;
        DigitalInput a = input(pi4j, "rollcoach-encoder-a-", config.pinA(), "encoder A", pull);
        DigitalInput b = input(pi4j, "rollcoach-encoder-b-", config.pinB(), "encoder B", pull);
        return new QuadratureEncoder(a, b, config.countsPerRev(), config.reverse());
    }

    public static PushButton button(Context pi4j, ButtonConfig config) {
        PullResistance pull = config.pullUp() ? PullResistance.PULL_UP : PullResistance.PULL_DOWN;
        return new GpioPushButton(input(pi4j, "rollcoach-button-", config.pin(), "button", pull), config.pullUp());
    }

    private static I2C i2c(Context pi4j, int bus, int address) {
        return pi4j.create(I2C.newConfigBuilder(pi4j).id(String.format("rollcoach-i2c-%d-%02x", bus, address))
            .name(String.format("I2C %d 0x%02X", bus, address)).bus(bus).device(address));
    }

    private static DigitalInput input(Context pi4j, String idPrefix, int pin, String name, PullResistance pull) {
        // We debounce and decode ourselves by polling; the provider's own debounce would only delay edges.
        return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(idPrefix + pin).name(name).address(pin).pull(pull)
            .debounce(0L));
    }
}
