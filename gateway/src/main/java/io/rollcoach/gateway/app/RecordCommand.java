package io.rollcoach.gateway.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.rollcoach.gateway.serial.PortRecorder;
import io.rollcoach.gateway.serial.SerialLinkConfig;
import io.rollcoach.gateway.serial.SerialLinkException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rollcoach record}: writes a roller's raw byte stream to a capture file ({@link PortRecorder}), for replay and
 * bug reports, until Ctrl-C or {@code --seconds}.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = "Records the raw byte stream from a roller's serial port to a capture file until Ctrl-C or "
        + "--seconds.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:recorded for --seconds", "1:the capture file could not be written",
        "2:bad usage, or the port cannot be opened",
        "3:nothing arrived from the port: no capture written (an existing file is left as it was)",
        "130:stopped by Ctrl-C (143 by SIGTERM); the capture is flushed and the counts printed first"},
    footer = {"", "Example: rollcoach record --port /dev/serial/by-id/usb-RollCoach_Roller-if00 --out session.rcap "
        + "--seconds 60"})
final class RecordCommand implements Callable<Integer> {
    static final int EXIT_WRITE_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_NOTHING_ARRIVED = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", required = true, paramLabel = "PORT",
        description = "Serial port name or path, e.g. /dev/serial/by-id/... or /tmp/gateway (a socat pty).")
    String port;

    @Option(names = "--out", required = true, paramLabel = "FILE",
        description = "Capture file to write (raw protocol bytes); replaced if it exists.")
    Path out;

    @Option(names = "--baud", defaultValue = "115200",
        description = "Serial baud rate (8N1). Default: ${DEFAULT-VALUE}.")
    int baud;

    @Option(names = "--seconds", defaultValue = "0", paramLabel = "N",
        description = "Stop after N seconds; 0 records until Ctrl-C. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        SerialLinkConfig config;
        try {
            config = new SerialLinkConfig(port, baud);
            if (!(seconds >= 0)) {
                throw new IllegalArgumentException("--seconds must be 0 (until Ctrl-C) or more, was " + seconds);
            }
        } catch (IllegalArgumentException e) {
            err.println("rollcoach record: " + e.getMessage());
            return EXIT_USAGE;
        }
        PortRecorder recorder;
        try {
            recorder = PortRecorder.start(config, out);
        } catch (SerialLinkException e) {
            err.println("rollcoach record: " + e.getMessage());
            return EXIT_USAGE;
        } catch (IOException e) {
            err.println("rollcoach record: cannot create " + out + ": " + (e instanceof NoSuchFileException
                ? "its folder does not exist" : e.toString()));
            return EXIT_WRITE_FAILED;
        }
        err.println("record: reading " + port + " at " + baud + " baud into " + out
            + (seconds > 0 ? " for " + seconds + " s" : " until Ctrl-C"));
        err.flush();

        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C: the hook lets the main thread flush the file and print the counts before the JVM exits.
        Thread hook = new Thread(() -> {
            stop.countDown();
            awaitQuietly(finished, 5_000);
        }, "record-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int exit = 0;
        try {
            if (seconds > 0) {
                stop.await((long) (seconds * 1000), TimeUnit.MILLISECONDS);
            } else {
                stop.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                recorder.finish();
            } catch (IOException e) {
                err.println("rollcoach record: writing " + out + " failed: " + e);
                exit = EXIT_WRITE_FAILED;
            }
            if (recorder.bytesRecorded() == 0) {
                err.println("record: nothing arrived from " + port + " (is the roller on, and is " + baud
                    + " its baud rate?); " + out + (Files.exists(out) ? " is left as it was" : " was not written"));
                exit = exit == 0 ? EXIT_NOTHING_ARRIVED : exit;
            } else {
                err.println("record: " + recorder.bytesRecorded() + " bytes to " + out + ", frames "
                    + recorder.stats());
            }
            err.flush();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook is running and now returns
            }
        }
        return exit;
    }

    private static void awaitQuietly(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
