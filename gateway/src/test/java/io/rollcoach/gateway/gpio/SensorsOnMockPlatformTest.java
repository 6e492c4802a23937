package io.rollcoach.gateway.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import io.rollcoach.gateway.config.GpioInputConfig.ButtonConfig;
import io.rollcoach.gateway.config.GpioInputConfig.ForceConfig;
import io.rollcoach.gateway.config.GpioInputConfig.RotationConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** Each sensor over Pi4J's mock platform: scripted register bytes and pin levels give the expected readings. */
class SensorsOnMockPlatformTest {
    private final MockPi pi = new MockPi();

    @AfterEach
    void shutDown() {
        pi.close();
    }

    @Test
    void anAds1115IsConfiguredOnOpenAndItsConversionsBecomeNewtons() {
        ForceSensor ads = GpioSensors.force(pi.pi4j, ForceConfig.ads1115(1, 0x48, 0, false, 4.096, 250, 100, 0.01));
        MockI2C chip = pi.i2c(1, 0x48);
        MockPi.script16(chip, Ads1115.REG_CONVERSION, 0x1234);
        MockPi.script16(chip, Ads1115.REG_CONVERSION, 0xFF38); // -200: below the zero offset

        assertEquals(4660, ads.readRaw());
        assertEquals(-2.0 - 1.0, ads.readNewtons(), 1e-9);
        // OS=1, MUX=100 (AIN0-GND), PGA=001 (4.096 V), MODE=0 continuous, DR=101 (250 SPS), comparator off
        byte[] config = new byte[2];
        assertEquals(2, chip.readRegister(Ads1115.REG_CONFIG, config, 0, 2));
        assertEquals(0xC2A3, (config[0] & 0xFF) << 8 | config[1] & 0xFF);
        assertTrue(ads.describe().contains("ADS1115 on I2C bus 1 at 0x48"), ads.describe());
    }

    @Test
    void theAds1115ConfigWordSelectsDifferentialInputsGainAndRate() {
        int word = Ads1115.configWord(ForceConfig.ads1115(1, 0x49, 2, true, 0.256, 860, 0, 1));
        assertEquals(0b011, word >> 12 & 0b111, "AIN2-AIN3");
        assertEquals(0b101, word >> 9 & 0b111, "0.256 V");
        assertEquals(0b111, word >> 5 & 0b111, "860 SPS");
    }

    @Test
    void aSilentAds1115IsASensorExceptionNamingItsBusAndAddress() {
        ForceSensor ads = GpioSensors.force(pi.pi4j, ForceConfig.ads1115(1, 0x48, 0, false, 4.096, 250, 0, 1));
        SensorException e = assertThrows(SensorException.class, ads::readRaw); // nothing scripted: no answer
        assertTrue(e.getMessage().contains("I2C bus 1 at 0x48"), e.getMessage());
    }

    @Test
    void theAs5600AngleUnwrapsAcrossTheTopOfTheTurnBothWays() {
        AngleSensor as5600 = GpioSensors.rotation(pi.pi4j, RotationConfig.as5600(1, false));
        MockI2C chip = pi.i2c(1, 0x36);
        int[] raw = {4090, 4095, 3, 10, 2, 4093, 4000};
        for (int count : raw) {
            MockPi.script16(chip, As5600.REG_RAW_ANGLE, count);
        }
        int[] expectedCounts = {4090, 4095, 4099, 4106, 4098, 4093, 4000};
        for (int expected : expectedCounts) {
            assertEquals(expected * 2 * Math.PI / 4096, as5600.readRadians(), 1e-12);
        }
    }

    @Test
    void theAs5600StatusBitsAboveTheTwelveBitAngleAreIgnored() {
        AngleSensor as5600 = GpioSensors.rotation(pi.pi4j, RotationConfig.as5600(1, true));
        MockPi.script16(pi.i2c(1, 0x36), As5600.REG_RAW_ANGLE, 0xF000 | 1024);
        assertEquals(-Math.PI / 2, as5600.readRadians(), 1e-12, "a quarter turn, reversed");
    }

    @Test
    void hx711ConversionsAreBitBangedAndAChipThatStopsIsNoticed() {
        long[] now = {0};
        ForceConfig config = ForceConfig.hx711(5, 6, 80, 1000, 0.002);
        ForceSensor generic = GpioSensors.force(pi.pi4j, config);
        generic.close();
        // the same pins, with a clock we control so staleness is deterministic
        DigitalOutput clock = (DigitalOutput) pi.pi4j.registry().get("rollcoach-hx711-sck-5");
        MockDigitalInput data = pi.input("rollcoach-hx711-dt-6");
        Hx711 hx711 = new Hx711(clock, data, 80, 1000, 0.002, () -> now[0]);
        HxChip chip = new HxChip(clock, data);

        chip.convert(-12_345);
        assertEquals(-12_345, hx711.readRaw());
        assertEquals(25, chip.pulses, "24 data bits and one pulse for channel A, gain 128");
        assertEquals(DigitalState.LOW, clock.state(), "SCK must end low or the HX711 powers down");
        assertEquals((-12_345 - 1000) * 0.002, hx711.toNewtons(-12_345), 1e-12);

        chip.convert(0x7FFFFF);
        assertEquals(0x7FFFFF, hx711.readRaw());

        data.mockState(DigitalState.HIGH); // converting: DT high, the last value stands
        now[0] += 100_000_000L;
        assertEquals(0x7FFFFF, hx711.readRaw());
        now[0] += 500_000_000L;
        SensorException e = assertThrows(SensorException.class, hx711::readRaw);
        assertTrue(e.getMessage().contains("GPIO5") && e.getMessage().contains("GPIO6"), e.getMessage());
    }

    /** Plays the HX711's side: DT low when a conversion is ready, one bit out per rising SCK edge. */
    private static final class HxChip {
        private final MockDigitalInput data;
        private int value;
        private int bit = 24;
        int pulses;

        HxChip(DigitalOutput clock, MockDigitalInput data) {
            this.data = data;
            clock.addListener(event -> {
                if (event.state() == DigitalState.HIGH) {
                    pulses++;
                    bit--;
                    data.mockState(MockPi.level(bit >= 0 && (value >> bit & 1) == 1));
                }
            });
        }

        void convert(int newValue) {
            value = newValue & 0xFFFFFF;
            bit = 24;
            pulses = 0;
            data.mockState(DigitalState.LOW);
        }
    }

    @Test
    void quadratureEdgesCountWithTheDirectionFromThePhaseAndMissedStepsAreCounted() {
        QuadratureEncoder encoder = (QuadratureEncoder) GpioSensors.rotation(pi.pi4j,
            RotationConfig.quadrature(20, 21, 400, true, false));
        MockDigitalInput a = pi.input("rollcoach-encoder-a-20");
        MockDigitalInput b = pi.input("rollcoach-encoder-b-21");
        int[][] forward = {{0, 0}, {1, 0}, {1, 1}, {0, 1}}; // A leads B
        step(encoder, a, b, 0, 0);
        for (int turn = 0; turn < 25; turn++) {
            for (int[] ab : forward) {
                step(encoder, a, b, ab[0], ab[1]);
            }
        }
        step(encoder, a, b, 0, 0);
        assertEquals(100, encoder.count());
        assertEquals(Math.PI / 2, encoder.readRadians(), 1e-12, "100 of 400 counts: a quarter turn");
        for (int turn = 0; turn < 50; turn++) {
            for (int i = forward.length - 1; i >= 0; i--) { // B leads A: backwards
                step(encoder, a, b, forward[i][0], forward[i][1]);
            }
        }
        assertEquals(-100, encoder.count());
        assertEquals(0, encoder.missedTransitions());
        step(encoder, a, b, 1, 1); // from 00 straight to 11: a transition the poller missed
        assertEquals(1, encoder.missedTransitions());
        assertEquals(-100, encoder.count());
    }

    private static void step(QuadratureEncoder encoder, MockDigitalInput a, MockDigitalInput b, int levelA,
                             int levelB) {
        a.mockState(MockPi.level(levelA == 1));
        b.mockState(MockPi.level(levelB == 1));
        encoder.poll();
    }

    @Test
    void shortAndLongPressesAreToldApartAndBounceIsIgnored() {
        PushButton button = GpioSensors.button(pi.pi4j, new ButtonConfig(17, true));
        MockDigitalInput pin = pi.input("rollcoach-button-17");
        pin.mockState(DigitalState.HIGH); // pulled up: released
        List<String> said = new ArrayList<>();
        long[] t = {0};
        // 10 ms polls, as the sampler at 100 Hz does
        poll(button, t, 5, said);
        pin.mockState(DigitalState.LOW); // a 10 ms bounce: no press
        poll(button, t, 1, said);
        pin.mockState(DigitalState.HIGH);
        poll(button, t, 5, said);
        assertEquals(List.of(), said);

        pin.mockState(DigitalState.LOW); // 200 ms press
        poll(button, t, 3, said);
        assertTrue(button.isHeld());
        poll(button, t, 17, said);
        pin.mockState(DigitalState.HIGH);
        poll(button, t, 5, said);
        assertFalse(button.isHeld());
        assertEquals(List.of("1"), said);

        pin.mockState(DigitalState.LOW); // 1 s press: long, said while still held, once
        poll(button, t, 70, said);
        assertTrue(button.isHeld());
        assertEquals(List.of("1", "2"), said);
        poll(button, t, 30, said);
        pin.mockState(DigitalState.HIGH);
        poll(button, t, 5, said);
        assertEquals(List.of("1", "2"), said, "a long press says nothing more on release");
    }

    private static void poll(PushButton button, long[] t, int polls, List<String> said) {
        for (int i = 0; i < polls; i++) {
            t[0] += 10_000_000L;
            int code = button.poll(t[0]);
            if (code != 0) {
                said.add(Integer.toString(code));
            }
        }
    }

    @Test
    void onLinuxfsARegisterIsReadByAWriteThenARead() {
        // Pi4J 2.8.0's linuxfs readRegister reads from the wrong offset: on linuxfs we must not call it.
        I2C i2c = mock(I2C.class);
        I2CProvider provider = mock(I2CProvider.class);
        when(provider.id()).thenReturn("linuxfs-i2c");
        when(i2c.provider()).thenReturn(provider);
        when(i2c.bus()).thenReturn(1);
        when(i2c.device()).thenReturn(0x36);
        when(i2c.write((byte) 0x0C)).thenReturn(1);
        when(i2c.read(any(byte[].class), eq(0), eq(2))).thenAnswer(call -> {
            byte[] dst = call.getArgument(0);
            dst[0] = 0x04;
            dst[1] = 0x00;
            return 2;
        });
        As5600 as5600 = new As5600(new RegisterBus(i2c), false);
        assertEquals(Math.PI / 2, as5600.readRadians(), 1e-12);
        InOrder order = inOrder(i2c);
        order.verify(i2c).write((byte) 0x0C);
        order.verify(i2c).read(any(byte[].class), eq(0), eq(2));
        verify(i2c, never()).readRegister(anyInt(), any(byte[].class), anyInt(), anyInt());
    }
}
