package io.rollcoach.gateway.technique;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts sessions per person and day, for the guide's "up to three sessions a day", and remembers how the
 * person's last sessions went, for the review at a session's end. The gateway's history store answers from its
 * database; {@link #inMemory()} serves analyze and tests. Called on the roller's thread when a session starts or
 * ends (not per sample).
 */
public interface SessionLedger {
    /** One ended session, as the review compares it. */
    record PastSession(long startedAtMs, double seconds, int score) {
    }

    /** Records a session starting now and returns how many have started today for {@code person}, this one included. */
    int sessionStarted(String person);

    /** The person's last ended sessions, newest first, at most {@code limit}. */
    default List<PastSession> recent(String person, int limit) {
        return List.of();
    }

    /** A session of {@code person} ended with this score. */
    default void sessionEnded(String person, PastSession session) {
    }

    static SessionLedger inMemory() {
        return new SessionLedger() {
            private final Map<String, Integer> counts = new HashMap<>();
            private final Map<String, Deque<PastSession>> ended = new HashMap<>();
            private LocalDate day = LocalDate.now();

            @Override
            public synchronized int sessionStarted(String person) {
                LocalDate today = LocalDate.now();
                if (!today.equals(day)) {
                    counts.clear();
                    day = today;
                }
                return counts.merge(person, 1, Integer::sum);
            }

            @Override
            public synchronized List<PastSession> recent(String person, int limit) {
                Deque<PastSession> sessions = ended.get(person);
                if (sessions == null) {
                    return List.of();
                }
                List<PastSession> newest = new ArrayList<>(limit);
                for (PastSession s : sessions) {
                    if (newest.size() == limit) {
                        break;
                    }
                    newest.add(s);
                }
                return newest;
            }

            @Override
            public synchronized void sessionEnded(String person, PastSession session) {
                Deque<PastSession> sessions = ended.computeIfAbsent(person, p -> new ArrayDeque<>());
                sessions.addFirst(session);
                while (sessions.size() > 10) {
                    sessions.removeLast();
                }
            }
        };
    }
}
