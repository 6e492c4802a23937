package io.rollcoach.gateway.app;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import io.rollcoach.gateway.broker.BrokerPortTakenException;
import io.rollcoach.gateway.config.GatewayConfig;
import io.rollcoach.gateway.service.Gateway;

/** Starts a gateway, keeps it up until Ctrl-C, a deadline or a condition, and shuts it down cleanly. */
final class GatewayRunner {
    static final int EXIT_OK = 0;
    static final int EXIT_CONFIG = 2;
    static final int EXIT_START = 3;

    private GatewayRunner() {
    }

    interface Started {
        void accept(Gateway gateway);
    }

    /**
     * @param seconds  stop after this long (0: run until Ctrl-C or {@code done})
     * @param done     stop when true (checked every 200 ms), or null
     */
    static int run(GatewayConfig config, boolean brokerOnFreePort, PrintStream console, double seconds,
                   BooleanSupplier done, Started started) {
        Gateway gateway = new Gateway(config, brokerOnFreePort, console);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "shutdown");
        try {
            gateway.start();
        } catch (BrokerPortTakenException e) {
            System.err.println("rollcoach: " + e.getMessage());
            gateway.close();
            return EXIT_START;
        } catch (IOException | RuntimeException e) {
            System.err.println("rollcoach: cannot start: " + e.getMessage());
            gateway.close();
            return EXIT_START;
        }
        Runtime.getRuntime().addShutdownHook(hook);
        started.accept(gateway);
        long deadline = seconds > 0 ? System.nanoTime() + (long) (seconds * 1e9) : Long.MAX_VALUE;
        try {
            while (System.nanoTime() < deadline && (done == null || !done.getAsBoolean())) {
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            gateway.close();
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is closing the gateway; wait for it
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return EXIT_OK;
    }
}
