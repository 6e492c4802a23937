package io.rollcoach.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One bar per JMH benchmark: millions of operations a second (a sample or a frame, as each benchmark declares) with
 * its 99.9% confidence interval, and the bytes allocated per operation when {@code -prof gc} ran. Java2D, like the
 * scale plot: one PNG does not earn a charting dependency.
 */
final class ThroughputPlot {
    private ThroughputPlot() {
    }

    private record Bar(String name, double millionsPerSecond, double errorMillions, double bytesPerOp) {
    }

    private static double errorOrZero(Bar bar) {
        return Double.isNaN(bar.errorMillions) ? 0 : bar.errorMillions;
    }

    private static String label(String benchmark) {
        if (benchmark.contains("DecoderBenchmark")) {
            return "frame decoder (a frame)";
        }
        if (benchmark.contains("EngineBenchmark")) {
            return "technique engine (a sample)";
        }
        if (benchmark.endsWith("EventEncodingBenchmark.feedbackEvent")) {
            return "feedback event JSON (an event)";
        }
        if (benchmark.endsWith("EventEncodingBenchmark.telemetry")) {
            return "telemetry JSON (a message)";
        }
        return benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
    }

    static void draw(Collection<RunResult> results, Path file) throws IOException {
        List<Bar> bars = new ArrayList<>();
        for (RunResult run : results) {
            if (run.getParams().getMode() != Mode.Throughput) {
                continue; // time per call (PahoTokenBenchmark) is not a rate: it has no bar here
            }
            Result<?> primary = run.getPrimaryResult();
            String benchmark = run.getParams().getBenchmark();
            Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
            if (alloc == null) {
                alloc = run.getSecondaryResults().get("·gc.alloc.rate.norm"); // JMH before 1.36
            }
            bars.add(new Bar(label(benchmark), primary.getScore() / 1e6, primary.getScoreError() / 1e6,
                alloc == null ? Double.NaN : alloc.getScore()));
        }
        int rowHeight = 70;
        int width = 900;
        int left = 270;
        int right = 60;
        int top = 70;
        int height = top + rowHeight * bars.size() + 30;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("Throughput on one core (millions of operations a second, JMH, 99.9% CI)", 20, 35);
        double max = bars.stream().mapToDouble(b -> b.millionsPerSecond + errorOrZero(b)).max().orElse(1);
        int plotW = width - left - right;
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = top + i * rowHeight;
            int barW = (int) (bar.millionsPerSecond / max * plotW);
            g.setColor(new Color(21, 101, 192));
            g.fillRect(left, y, barW, 30);
            g.setColor(Color.BLACK);
            int lowX = left + (int) ((bar.millionsPerSecond - errorOrZero(bar)) / max * plotW);
            int highX = left + (int) ((bar.millionsPerSecond + errorOrZero(bar)) / max * plotW);
            g.drawLine(lowX, y + 15, highX, y + 15);
            g.drawLine(lowX, y + 8, lowX, y + 22);
            g.drawLine(highX, y + 8, highX, y + 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
            g.setColor(Color.DARK_GRAY);
            g.drawString(bar.name, 20, y + 20);
            String figure = Double.isNaN(bar.errorMillions)
                ? String.format(Locale.ROOT, "%.2f M op/s (too few iterations for an interval)", bar.millionsPerSecond)
                : String.format(Locale.ROOT, "%.2f ± %.2f M op/s", bar.millionsPerSecond, bar.errorMillions);
            if (!Double.isNaN(bar.bytesPerOp)) {
                figure += String.format(Locale.ROOT, ",  %.3f B allocated/op", bar.bytesPerOp);
            }
            g.drawString(figure, left, y + 50);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.GRAY);
        g.drawString(Machine.describe(), 20, height - 12);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
