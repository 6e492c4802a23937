package io.rollcoach.gateway.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;

/** A Pi4J context on the mock platform, and handles on the mock devices our sensors open by id. */
final class MockPi implements AutoCloseable {
    final Context pi4j = Pi4J.newContextBuilder()
        .add(new MockPlatform())
        .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance(),
            MockI2CProvider.newInstance())
        .build();

    MockI2C i2c(int bus, int address) {
        return (MockI2C) pi4j.registry().get(String.format("rollcoach-i2c-%d-%02x", bus, address));
    }

    MockDigitalInput input(String id) {
        return (MockDigitalInput) pi4j.registry().get(id);
    }

    /** Queues the two bytes, most significant first, that the next read of {@code register} returns. */
    static void script16(MockI2C i2c, int register, int value) {
        i2c.writeRegister(register, new byte[] {(byte) (value >>> 8), (byte) value}, 0, 2);
    }

    static DigitalState level(boolean high) {
        return high ? DigitalState.HIGH : DigitalState.LOW;
    }

    @Override
    public void close() {
        pi4j.shutdown();
    }
}
