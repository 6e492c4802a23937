package io.rollcoach.gateway.serial;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.rollcoach.gateway.input.FrameDispatcher;
import io.rollcoach.gateway.input.RecordingListener;
import io.rollcoach.sim.RollerSimulator;
import io.rollcoach.sim.SimOptions;
import io.rollcoach.sim.scenario.ScenarioLibrary;

/** Test data: a simulated session's frames, and the reference decoding of any byte stream. */
public final class Frames {
    private static byte[] goodTechnique;

    private Frames() {
    }

    /** The whole good-technique scenario as the simulator puts it on the wire (about 6,000 frames). */
    public static synchronized byte[] goodTechnique() {
        if (goodTechnique == null) {
            goodTechnique = RollerSimulator.renderAll(ScenarioLibrary.load("good-technique"), SimOptions.defaults());
        }
        return goodTechnique.clone();
    }

    /** The stream cut into frames, each with its 0x00 delimiter. */
    public static List<byte[]> split(byte[] stream) {
        List<byte[]> frames = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < stream.length; i++) {
            if (stream[i] == 0) {
                frames.add(Arrays.copyOfRange(stream, start, i + 1));
                start = i + 1;
            }
        }
        return frames;
    }

    public static byte[] join(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** What the gateway's decoding path makes of these bytes, fed in one go: the reference to compare with. */
    public static Decoded decode(byte[] stream) {
        RecordingListener listener = new RecordingListener();
        FrameDispatcher dispatcher = new FrameDispatcher(listener);
        dispatcher.onBytes(stream, 0, stream.length);
        return new Decoded(listener.samples(), dispatcher.stats().framesRejected(), dispatcher.stats().framesLost(),
            dispatcher.stats().framesDecoded());
    }

    public record Decoded(List<RecordingListener.Sample> samples, long rejected, long lost, long decoded) {
    }
}
