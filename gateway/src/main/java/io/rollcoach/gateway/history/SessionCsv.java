package io.rollcoach.gateway.history;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Sessions as CSV (RFC 4180), for a spreadsheet: one row per session, or one session's steps and warnings. */
public final class SessionCsv {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
        .withZone(ZoneId.systemDefault());

    private SessionCsv() {
    }

    public static String sessions(List<SessionRecord> sessions) {
        StringBuilder csv = new StringBuilder("id,started,ended,status,person,roller,minutes,strokes,mean_stroke_mm,"
            + "mean_load_n,mean_cadence,steps_done,steps,points_done,points_left_early,warnings\r\n");
        for (SessionRecord s : sessions) {
            row(csv, s.id(), TIME.format(Instant.ofEpochMilli(s.startedAt())),
                s.endedAt() == null ? "" : TIME.format(Instant.ofEpochMilli(s.endedAt())), s.status(), s.person(),
                s.roller(), round(s.seconds() / 60), s.strokes(), round(s.meanStrokeMm()), round(s.meanLoadN()),
                round(s.meanCadence()), s.steps().stream().filter(SessionRecord.Step::done).count(), s.steps().size(),
                s.pointsDone(), s.pointsLeftEarly(), s.totalWarnings());
        }
        return csv.toString();
    }

    /** One session in detail: its steps, then its trigger points and warnings. */
    public static String session(SessionRecord s) {
        StringBuilder csv = new StringBuilder(sessions(List.of(s))).append("\r\n");
        csv.append("step,title,kind,seconds,target,reps,done,skipped\r\n");
        for (SessionRecord.Step step : s.steps()) {
            row(csv, step.id(), step.title(), step.kind(), round(step.seconds()), round(step.target()),
                step.reps() == null ? "" : step.reps(), step.done(), step.skipped());
        }
        csv.append("\r\nt,step,rule,verdict,severity,value,message\r\n");
        for (SessionRecord.Event event : s.events()) {
            row(csv, event.t(), event.step(), event.rule(), event.verdict(), event.severity(),
                event.value() == null ? "" : round(event.value()), event.message());
        }
        return csv.toString();
    }

    private static double round(double value) {
        return Double.isNaN(value) ? 0 : Math.round(value * 10) / 10.0;
    }

    private static void row(StringBuilder csv, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            String cell = cells[i] == null ? "" : String.valueOf(cells[i]);
            if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
                cell = '"' + cell.replace("\"", "\"\"") + '"';
            }
            csv.append(cell);
        }
        csv.append("\r\n");
    }
}
