package io.rollcoach.gateway.technique;

/**
 * One step of the routine for one leg.
 *
 * @param id             e.g. {@code soleus-left}: the name events and topics use
 * @param title          e.g. {@code Lateral soleus, left leg}: what a person reads
 * @param tissue         the tissue group whose 90 s this step's rolling counts towards, or null
 * @param kind           {@code roll}, {@code trigger-points} or {@code hands-on}
 * @param targetSeconds  loaded time after which the step is done
 * @param minRepetitions for hands-on: the fewest strokes that count as done (0 otherwise)
 * @param maxRepetitions for hands-on: the most the guide asks for (0 otherwise)
 */
public record RoutineStep(String id, String title, String leg, String tissue, String tissueTitle, String kind,
                          double targetSeconds, int minRepetitions, int maxRepetitions) {
    public boolean isHandsOn() {
        return "hands-on".equals(kind);
    }
}
