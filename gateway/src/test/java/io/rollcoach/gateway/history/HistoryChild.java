package io.rollcoach.gateway.history;

import java.nio.file.Path;

/** Run as a separate process by {@link HistoryKillIT}: starts a session, says "ready", and waits to be killed. */
public final class HistoryChild {
    private HistoryChild() {
    }

    public static void main(String[] args) throws Exception {
        HistoryRig rig = new HistoryRig(HistoryStore.open(Path.of(args[0])), "dora");
        rig.feed(HistoryRig.render("full-session"), 0, 0.4);
        // ready once the first step's end is committed (the writer looks every 100 ms): the kill comes after it
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (rig.store.sessions(null, null, 1).isEmpty()
            || !rig.store.sessions(null, null, 1).get(0).steps().get(0).done()) {
            if (System.nanoTime() > deadline) {
                System.out.println("no first step done in the history after 30 s; written: " + rig.writer.written());
                System.exit(1);
            }
            Thread.sleep(50);
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
