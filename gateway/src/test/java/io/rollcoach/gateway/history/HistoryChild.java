package io.rollcoach.gateway.history;

import java.nio.file.Path;

/** Run as a separate process by {@link HistoryKillIT}: starts a session, says "ready", and waits to be killed. */
public final class HistoryChild {
    private HistoryChild() {
    }

    public static void main(String[] args) throws Exception {
        HistoryRig rig = new HistoryRig(HistoryStore.open(Path.of(args[0])), "dora");
        rig.feed(HistoryRig.render("full-session"), 0, 0.4);
        while (rig.store.sessions(null, null, 1).isEmpty() || rig.writer.written() < 10) {
            Thread.sleep(50);
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
