package io.rollcoach.bench;

import java.util.concurrent.TimeUnit;

import io.rollcoach.gateway.mqtt.PahoLogging;
import org.eclipse.paho.mqttv5.client.MqttToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What Paho spends on the token it makes for every message it publishes, most of it asking its logger factory for a
 * logger: with the JDK's logging (Paho's default) and with {@link PahoLogging} (the gateway's). Each fork sets the
 * factory once, as the gateway does. Add {@code -jvmArgsAppend -Xint} for the cost before the JIT has compiled the
 * code, which is where the gateway's per-message path spends its first minutes at 20 messages a second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PahoTokenBenchmark {
    @Param({"jdk", "slf4j"})
    public String logging;

    @Setup(Level.Trial)
    public void chooseLogging() {
        if (logging.equals("slf4j")) {
            PahoLogging.install();
        }
    }

    @Benchmark
    public MqttToken token() {
        return new MqttToken("rollcoach-bench");
    }
}
