package io.rollcoach.bench.harness;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import io.rollcoach.bench.Machine;

/** A small line chart drawn with Java2D (no charting dependency for one PNG): latency percentiles by roller count. */
final class Plot {
    private Plot() {
    }

    /** rows: {rollers, p50_us, p99_us, p999_us, cpu_pct}. */
    static void latencyByRollers(List<double[]> rows, Path file, int rate) throws IOException {
        int width = 900;
        int height = 520;
        int left = 90;
        int right = 80;
        int top = 60;
        int bottom = 70;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double maxUs = 1;
        double maxRollers = 1;
        for (double[] row : rows) {
            maxUs = Math.max(maxUs, row[3]);
            maxRollers = Math.max(maxRollers, row[0]);
        }
        double logMax = Math.ceil(Math.log10(maxUs));
        double logMin = Math.min(2, Math.floor(Math.log10(Math.max(1, rows.stream().mapToDouble(r -> r[1]).min()
            .orElse(100)))));
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("Sample → feedback event latency by roller count (" + rate + " samples/s each)", left, 35);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        g.drawRect(left, top, plotW, plotH);
        for (double e = logMin; e <= logMax; e++) {
            int y = top + plotH - (int) ((e - logMin) / (logMax - logMin) * plotH);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(left + 1, y, left + plotW - 1, y);
            g.setColor(Color.DARK_GRAY);
            double us = Math.pow(10, e);
            g.drawString(us >= 1000 ? (int) (us / 1000) + " ms" : (int) us + " µs", 20, y + 5);
        }
        for (double[] row : rows) {
            int x = left + (int) (Math.log(row[0]) / Math.log(Math.max(2, maxRollers)) * (plotW - 40)) + 20;
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.valueOf((int) row[0]), x - 6, top + plotH + 22);
        }
        g.drawString("rollers on one gateway (log scale)", left + plotW / 2 - 110, height - 20);
        String[] names = {"p50", "p99", "p99.9"};
        Color[] colours = {new Color(46, 125, 50), new Color(21, 101, 192), new Color(198, 40, 40)};
        for (int series = 0; series < 3; series++) {
            g.setColor(colours[series]);
            g.setStroke(new BasicStroke(3));
            int previousX = -1;
            int previousY = -1;
            for (double[] row : rows) {
                int x = left + (int) (Math.log(row[0]) / Math.log(Math.max(2, maxRollers)) * (plotW - 40)) + 20;
                double value = Math.max(1, row[1 + series]);
                int y = top + plotH - (int) ((Math.log10(value) - logMin) / (logMax - logMin) * plotH);
                g.fillOval(x - 5, y - 5, 10, 10);
                if (previousX >= 0) {
                    g.drawLine(previousX, previousY, x, y);
                }
                previousX = x;
                previousY = y;
            }
            g.drawString(names[series], left + plotW + 10, top + 20 + series * 22);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.GRAY);
        g.drawString(Machine.describe(), 20, height - 4);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
