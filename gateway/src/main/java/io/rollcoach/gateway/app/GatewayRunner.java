package io.rollcoach.gateway.app;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import io.rollcoach.gateway.broker.BrokerPortTakenException;
import io.rollcoach.gateway.config.GatewayConfig;
import io.rollcoach.gateway.service.Gateway;
import io.rollcoach.gateway.service.WiredInputUnsupportedException;

/**
 * Starts a gateway, keeps it up until Ctrl-C, a deadline or a condition, and shuts it down cleanly. Whatever stops the
 * start, an {@link Error} included, ends in a message and an exit code: never a process that serves nothing.
 */
final class GatewayRunner {
    static final int EXIT_OK = 0;
    static final int EXIT_CONFIG = 2;
    static final int EXIT_START = 3;
    /** This Pi or OS cannot run the configured wired input (docs/install.md): restarting cannot mend it. */
    static final int EXIT_UNSUPPORTED = 4;

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
        return run(new Gateway(config, brokerOnFreePort, console).withJitWarmUp(), System.err, seconds, done, started);
    }

    static int run(Gateway gateway, PrintStream err, double seconds, BooleanSupplier done, Started started) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // Said first, so that Ctrl-C is answered at once however long the goodbyes take.
            err.println("rollcoach: stopping…");
            err.flush();
            gateway.closeForExit();
            stopped.countDown();
        }, "shutdown");
        try {
            gateway.start();
        } catch (BrokerPortTakenException e) {
            return failed(gateway, err, e.getMessage(), EXIT_START);
        } catch (WiredInputUnsupportedException e) {
            return failed(gateway, err, e.getMessage(), EXIT_UNSUPPORTED);
        } catch (IOException | RuntimeException e) {
            return failed(gateway, err, "cannot start: " + e.getMessage(), EXIT_START);
        } catch (LinkageError e) {
            // a native library or class that this machine cannot load, from wherever it came
            return failed(gateway, err, "cannot start: " + e + " (a library this machine cannot load; "
                + "see docs/install.md for the Pi and OS each input needs)", EXIT_START);
        }
        Runtime.getRuntime().addShutdownHook(hook);
        started.accept(gateway);
        long deadline = seconds > 0 ? System.nanoTime() + (long) (seconds * 1e9) : Long.MAX_VALUE;
        int exit = EXIT_OK;
        try {
            while (System.nanoTime() < deadline && (done == null || !done.getAsBoolean())) {
                if (gateway.failure() != null) {
                    err.println("rollcoach: cannot go on: " + gateway.failure());
                    exit = EXIT_START;
                    break;
                }
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
        return exit;
    }

    private static int failed(Gateway gateway, PrintStream err, String message, int exit) {
        err.println("rollcoach: " + message);
        try {
            gateway.close();
        } catch (RuntimeException | LinkageError e) {
            err.println("rollcoach: closing after the failed start: " + e);
        }
        return exit;
    }
}
