package io.rollcoach.gateway.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollcoach.gateway.history.HistoryException;
import io.rollcoach.gateway.history.HistoryStore;
import io.rollcoach.gateway.history.SessionCsv;
import io.rollcoach.gateway.history.SessionRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rollcoach history}: the kept sessions on the console. */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = "List the kept sessions: when, who, how long, steps done, trigger points and warnings.")
final class HistoryCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
        .withZone(ZoneId.systemDefault());

    @Option(names = "--db", paramLabel = "FILE",
        description = "The history database (default $ROLLCOACH_HOME/history.db or ~/.rollcoach/history.db).")
    Path database;

    @Option(names = "--person", paramLabel = "NAME", description = "Only this person's sessions.")
    String person;

    @Option(names = "--since", paramLabel = "YYYY-MM-DD", description = "Only sessions from this day on.")
    String since;

    @Option(names = "--limit", paramLabel = "N", description = "At most N sessions, latest first (default 50).")
    int limit = 50;

    @Option(names = "--format", paramLabel = "table|csv|json", description = "Output format (default table).")
    String format = "table";

    @Override
    public Integer call() throws Exception {
        Path file = database != null ? database : defaultDatabase();
        if (!List.of("table", "csv", "json").contains(format)) {
            System.err.println("rollcoach history: --format must be table, csv or json, was " + format);
            return 2;
        }
        if (limit < 1) {
            System.err.println("rollcoach history: --limit must be 1 or more, was " + limit);
            return 2;
        }
        LocalDate from;
        try {
            from = since == null ? null : LocalDate.parse(since);
        } catch (DateTimeParseException e) {
            System.err.println("rollcoach history: --since must be a date like 2026-11-25, was " + since);
            return 2;
        }
        if (!Files.exists(file)) {
            System.err.println("rollcoach history: no history at " + file + " yet (the gateway writes it as sessions "
                + "run; give --db for another file)");
            return 2;
        }
        List<SessionRecord> sessions;
        try (HistoryStore store = HistoryStore.openForReading(file)) {
            sessions = store.sessions(person, from, limit);
        } catch (HistoryException e) {
            System.err.println("rollcoach history: " + e.getMessage());
            return 2;
        }
        switch (format) {
            case "json" -> System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(sessions));
            case "csv" -> System.out.print(SessionCsv.sessions(sessions));
            default -> table(sessions);
        }
        return 0;
    }

    private static void table(List<SessionRecord> sessions) {
        if (sessions.isEmpty()) {
            System.out.println("No sessions.");
            return;
        }
        System.out.printf("%-5s %-16s %-12s %-18s %6s %8s %-18s %8s  %s%n", "id", "started", "person", "roller", "min",
            "steps", "trigger points", "warnings", "status");
        for (SessionRecord s : sessions) {
            long done = s.steps().stream().filter(SessionRecord.Step::done).count();
            System.out.printf("%-5d %-16s %-12s %-18s %6.1f %8s %-18s %8d  %s%n", s.id(),
                WHEN.format(Instant.ofEpochMilli(s.startedAt())), s.person(), s.roller(), s.seconds() / 60,
                done + "/" + s.steps().size(), s.pointsDone() + " done, " + s.pointsLeftEarly() + " early",
                s.totalWarnings(), s.status());
        }
    }

    static Path defaultDatabase() {
        String home = System.getenv("ROLLCOACH_HOME");
        return (home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".rollcoach"))
            .resolve("history.db");
    }
}
