package io.rollcoach.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.rollcoach.sim.scenario.ScenarioLibrary;

/**
 * Existing scenarios render the same bytes as before: captures made with an earlier build, and the benchmarks and
 * tests built on them, stay valid when the simulator learns something new. A change here is deliberate or a bug.
 */
class RenderStabilityTest {

    @ParameterizedTest
    @CsvSource({
        "good-technique, 1bab4f76356c5ad42ff20d2d99e04e2dc940457bda66b9a34a0e4081056089c2",
        "noisy-good, f92677aaf337fdd630ccd36d702d383398e3aa42c8b5a3d87136f0cf081a048d",
        "strokes-too-long, 530349e47ef65e0e3335734d51c1482405596e9cf9857db3ca5fe78ef7817b20",
        "strokes-too-short, a26480a7c4bf4490ca532c93aa7d29a8b5245650d2d59f9cafbdc1a060fcd25e",
        "too-wide, 894f069a305ea6ca0f8c951b8de0217ca03eeb43ec70bda87213b371d2290079",
        "too-fast, e599a9dae3217b5019c8bc81300eed1ceaafe6fe5a60e2f30237069ae99acbef",
        "too-slow, b8334d5dc4d36982d2872a653146defbd1cfd0006a2071c437b4d852c0fec11d",
        "too-heavy, 08546074cdbe3c35539dba0d259ec56f6dfce91967085e0237575015a8e587bb",
        "too-light, 5132042e69d135df33140bd2441cca32a5a8bf4b3eb769732133d584ecd7ab38",
        "hold-still, 7e1a64fc3fd245186926e694e72510c649ef19135d69c0dafdb7762a121bd860",
        "left-early, 78056520360edbeacf088f7d127d4ec8c0452896636dd6f8ced6c6154e774289",
        "lift-offs, bb9eb49fc5fe539c85363096468e483f81ba1ccf6704b8a42bbea55c1f970829",
        // full-session changed on purpose: each rolling step a few seconds longer, for credited time (docs/rules.md)
        "full-session, 3e8c3bf3f7d9ce86ec3246c63b484aea291340c0b10392c35b7bf12adaf351ca",
    })
    void existingScenariosRenderTheSameBytesForTheSameSeed(String name, String sha256) throws Exception {
        byte[] bytes = RollerSimulator.renderAll(ScenarioLibrary.load(name), SimOptions.defaults());
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(sha256, actual, name + " (" + bytes.length + " bytes)");
    }
}
