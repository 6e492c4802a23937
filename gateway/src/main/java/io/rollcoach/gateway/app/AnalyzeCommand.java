package io.rollcoach.gateway.app;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.rollcoach.gateway.input.FrameDispatcher;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import io.rollcoach.gateway.technique.RollerLink;
import io.rollcoach.gateway.technique.Routine;
import io.rollcoach.gateway.technique.SessionLedger;
import io.rollcoach.gateway.technique.TechniqueConfig;
import io.rollcoach.gateway.technique.TechniqueEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rollcoach analyze CAPTURE}: judges a recorded session and prints its feedback events as JSON lines. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = "Judge a capture file (raw protocol v1 bytes, as 'record' writes them): feedback events as JSON "
        + "lines on stdout, frame counts on stderr.")
final class AnalyzeCommand implements Callable<Integer> {
    static final int EXIT_CANNOT_READ = 2;

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "The capture file to judge.")
    Path capture;

    @Option(names = "--summary", description = "Also print the last session summary (JSON) on stderr.")
    boolean summary;

    @Option(names = "--coach", description = "Also print the coach's state (the focus, or the task in hand) as JSON "
        + "lines on stdout, each with \"coach\":true, in order with the events.")
    boolean coach;

    @Mixin
    TechniqueOptions technique = new TechniqueOptions();

    private static final byte[] COACH_MARK = "{\"coach\":true,".getBytes(StandardCharsets.US_ASCII);

    @Override
    public Integer call() {
        TechniqueConfig config;
        Routine routine;
        try {
            config = technique.config(TechniqueConfig.defaults());
            routine = technique.routine(Routine.guide());
        } catch (IllegalArgumentException e) {
            System.err.println("rollcoach analyze: " + e.getMessage());
            return EXIT_CANNOT_READ;
        }
        PrintStream stdout = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false);
        byte[] lastSummary = new byte[0];
        byte[][] summaryHolder = {lastSummary};
        TechniqueEngine engine = new TechniqueEngine(config, routine, (type, device, body, offset, length) -> {
            if (type == OutboxMessageType.FEEDBACK || type == OutboxMessageType.COACH && coach) {
                byte[] line = new byte[length];
                body.getBytes(offset, line);
                if (type == OutboxMessageType.COACH) {
                    stdout.write(COACH_MARK, 0, COACH_MARK.length); // {"coach":true, then the object's fields
                    stdout.write(line, 1, length - 1);
                } else {
                    stdout.write(line, 0, length);
                }
                stdout.write('\n');
            } else if (type == OutboxMessageType.SESSION && summary) {
                byte[] copy = new byte[length];
                body.getBytes(offset, copy);
                summaryHolder[0] = copy;
            }
        }, RollerLink.NONE, SessionLedger.inMemory(), null);
        FrameDispatcher dispatcher = new FrameDispatcher(engine);
        byte[] chunk = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(capture)) {
            for (int n; (n = in.read(chunk)) > 0; ) {
                dispatcher.onBytes(chunk, 0, n);
            }
        } catch (NoSuchFileException e) {
            System.err.println("rollcoach analyze: no such capture file: " + capture);
            return EXIT_CANNOT_READ;
        } catch (IOException e) {
            System.err.println("rollcoach analyze: cannot read " + capture + ": " + e.getMessage());
            return EXIT_CANNOT_READ;
        }
        engine.onTick(System.nanoTime()); // a summary that waited behind the last sample's event
        stdout.flush();
        System.err.println("frames: " + dispatcher.stats());
        if (dispatcher.stats().framesDecoded() == 0) {
            System.err.println("rollcoach analyze: " + capture + (dispatcher.stats().bytesRead() == 0 ? " is empty"
                : " holds no RollCoach frames") + ": is it a capture (rollcoach record, or a session's .rcap)?");
            return EXIT_CANNOT_READ;
        }
        if (summary && summaryHolder[0].length > 0) {
            System.err.println(new String(summaryHolder[0], StandardCharsets.US_ASCII));
        }
        return 0;
    }
}
