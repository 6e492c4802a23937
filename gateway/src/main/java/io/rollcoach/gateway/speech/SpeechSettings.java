package io.rollcoach.gateway.speech;

import java.nio.file.Path;

/**
 * The {@code speech} section: off by default.
 *
 * @param voice         an espeak-ng voice ({@code en-us}, {@code en-gb}, {@code de}), or null for its default
 * @param repeatSeconds how often a focus that lasts is said again, at most
 * @param wordsPerMinute espeak-ng's speed ({@code -s})
 * @param command       the espeak-ng program
 * @param outputDir     when set, each utterance goes to a WAV file there ({@code espeak-ng -w}) instead of the speaker
 */
public record SpeechSettings(boolean enabled, String voice, double repeatSeconds, int wordsPerMinute, String command,
                             Path outputDir) {
    public static final SpeechSettings OFF = new SpeechSettings(false, null, 8, 160, "espeak-ng", null);

    public SpeechSettings {
        checkVoice("speech.voice", voice);
        checkRepeatSeconds("speech.repeatSeconds", repeatSeconds);
        checkWordsPerMinute("speech.wordsPerMinute", wordsPerMinute);
        checkCommand("speech.command", command);
    }

    // Each rule once, naming the key it is given: the config file's reader runs them one by one.

    public static void checkVoice(String key, String voice) {
        if (voice != null && !voice.matches("[A-Za-z0-9_+\\-]{1,40}")) {
            throw new IllegalArgumentException(key + " must be an espeak-ng voice name such as en-us (letters, "
                + "digits, - + _), was '" + voice + "'");
        }
    }

    public static void checkRepeatSeconds(String key, double repeatSeconds) {
        if (!(repeatSeconds >= 2 && repeatSeconds <= 600)) {
            throw new IllegalArgumentException(key + " must be 2 to 600, was " + repeatSeconds);
        }
    }

    public static void checkWordsPerMinute(String key, int wordsPerMinute) {
        if (wordsPerMinute < 80 || wordsPerMinute > 450) {
            throw new IllegalArgumentException(key + " must be 80 to 450, was " + wordsPerMinute);
        }
    }

    public static void checkCommand(String key, String command) {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException(key + " must name the espeak-ng program, was empty");
        }
    }

    public SpeechSettings withEnabled(boolean value) {
        return new SpeechSettings(value, voice, repeatSeconds, wordsPerMinute, command, outputDir);
    }
}
