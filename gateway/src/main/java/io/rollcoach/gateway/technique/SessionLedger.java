package io.rollcoach.gateway.technique;

/**
 * Counts sessions per person and day, for the guide's "up to three sessions a day". The gateway's history store
 * answers from its database; {@link #inMemory()} serves analyze and tests. Called on the roller's thread when a
 * session starts (not per sample).
 */
public interface SessionLedger {
    /** Records a session starting now and returns how many have started today for {@code person}, this one included. */
    int sessionStarted(String person);

    static SessionLedger inMemory() {
        return new SessionLedger() {
            private final java.util.Map<String, Integer> counts = new java.util.HashMap<>();
            private java.time.LocalDate day = java.time.LocalDate.now();

            @Override
            public synchronized int sessionStarted(String person) {
                java.time.LocalDate today = java.time.LocalDate.now();
                if (!today.equals(day)) {
                    counts.clear();
                    day = today;
                }
                return counts.merge(person, 1, Integer::sum);
            }
        };
    }
}
