package io.rollcoach.gateway.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SpeechRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLLER = "00c0ffee00000001";
    private static final long S = 1_000_000_000L;
    private final SpeechRules rules = new SpeechRules(8);

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static JsonNode focus(String rule, double since, String speech) throws Exception {
        return json("{'kind':'focus','rule':'" + rule + "','verdict':'too-long','severity':'warn','message':'Shorter "
            + "strokes: 3.9 in; roll 1-2 in on and off the spot.','speech':'" + speech + "','since':" + since + "}");
    }

    @Test
    void aFocusIsSaidWhenItStartsAndAgainAtMostEveryRepeatWhileItLasts() throws Exception {
        assertEquals(List.of("Shorter strokes."), rules.onCoach(ROLLER, focus("stroke", 30.2, "Shorter strokes."), 0));
        assertEquals(List.of(), rules.onCoach(ROLLER, focus("stroke", 30.2, "Shorter strokes."), 1 * S));
        assertEquals(List.of(), rules.due(7 * S));
        assertEquals(List.of("Shorter strokes."), rules.due(8 * S));
        assertEquals(List.of(), rules.due(9 * S));
        assertEquals(List.of("Shorter strokes."), rules.due(16 * S));
    }

    @Test
    void aMendedFocusIsNotRepeated() throws Exception {
        rules.onCoach(ROLLER, focus("stroke", 30.2, "Shorter strokes."), 0);
        rules.onCoach(ROLLER, json("{'kind':'task','step':'soleus-left','severity':'info','message':'Soleus, left: "
            + "12 s of 15 on this point'}"), 2 * S);
        assertEquals(List.of(), rules.due(20 * S));
    }

    @Test
    void aTaskIsSaidWhenItsStepChangesNotOnEveryUpdate() throws Exception {
        String task = "{'kind':'task','step':'%s','severity':'info',"
            + "'message':'Soleus, left: %d s of 15 on this point'}";
        assertEquals(List.of("Soleus, left. 12 seconds of 15 on this point"),
            rules.onCoach(ROLLER, json(String.format(task, "soleus-left", 12)), 0));
        assertEquals(List.of(), rules.onCoach(ROLLER, json(String.format(task, "soleus-left", 13)), S));
        assertEquals(1, rules.onCoach(ROLLER, json(String.format(task, "soleus-right", 0)), 2 * S).size());
    }

    @Test
    void goodNewsIsSaidOnceAndInfoNever() throws Exception {
        rules.onCoach(ROLLER, json("{'kind':'task','step':'a','message':'x'}"), 0);
        assertEquals(List.of("Point done. 15 seconds. On to the next tender spot."), rules.onFeedback(ROLLER,
            json("{'rule':'triggerPoint','verdict':'done','severity':'good','message':'Point done: 15 s. On to the "
                + "next tender spot.'}"), S));
        assertEquals(List.of(), rules.onFeedback(ROLLER, json("{'rule':'contact','verdict':'on','severity':'info',"
            + "'message':'On the roller.'}"), 2 * S));
        assertEquals(List.of(), rules.due(60 * S));
    }

    @Test
    void withoutACoachStateTheNewestWarningIsTheFocusUntilItsRuleIsMended() throws Exception {
        String warn = "{'rule':'stroke','verdict':'too-long','severity':'warn','message':'Shorter strokes: %s in.'}";
        assertEquals(List.of("Shorter strokes. 3.9 inches."),
            rules.onFeedback(ROLLER, json(String.format(warn, "3.9")), 0));
        assertEquals(List.of(), rules.onFeedback(ROLLER, json(String.format(warn, "4.1")), S));
        assertEquals(List.of("Shorter strokes. 4.1 inches."), rules.due(8 * S));
        rules.onFeedback(ROLLER, json("{'rule':'stroke','verdict':'ok','severity':'good','message':'Good strokes.'}"),
            9 * S);
        assertEquals(List.of(), rules.due(30 * S));
    }

    @Test
    void unitsAreReadAsWordsNotLetters() {
        assertEquals("Shorter strokes. 3.9 inches. roll 1 to 2 inches on and off the spot.",
            SpeechText.speakable("Shorter strokes: 3.9 in; roll 1-2 in on and off the spot."));
        assertEquals("Press harder. 60 newtons, aim 80 to 450 newtons. 1 second left, 30 per minute",
            SpeechText.speakable("Press harder: 60 N, aim 80-450 N; 1 s left, 30/min"));
    }
}
