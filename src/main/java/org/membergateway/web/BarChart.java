package org.membergateway.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of a server-drawn bar chart of two stacked series (exports built, downloads), for
 * an inline SVG the template writes: no script, no inline style; colours and the hatching that
 * tells the series apart come from classes and a pattern, so neither series is told by colour alone.
 * Vertical bars (one per day) or horizontal ones (one per requester). All numbers are SVG user
 * units; the SVG scales with its {@code viewBox}.
 */
public final class BarChart {

    /** One bar: its first series' rectangle, the second stacked after it, and its label. */
    public record Bar(String label, long first, long second, Rect firstRect, Rect secondRect, double labelX,
                      double labelY, boolean labelled, double valueX, double valueY) {
        public long total() {
            return first + second;
        }
    }

    public record Rect(double x, double y, double width, double height) {
    }

    /** A gridline with its value, across the value axis. */
    public record Tick(long value, double x1, double y1, double x2, double y2, double labelX, double labelY) {
    }

    private final int width;
    private final int height;
    private final boolean vertical;
    private final List<Bar> bars;
    private final List<Tick> ticks;
    private final Rect plot;

    private BarChart(int width, int height, boolean vertical, List<Bar> bars, List<Tick> ticks, Rect plot) {
        this.width = width;
        this.height = height;
        this.vertical = vertical;
        this.bars = List.copyOf(bars);
        this.ticks = List.copyOf(ticks);
        this.plot = plot;
    }

    /** One labelled value pair per bar. */
    public record Point(String label, long first, long second) {
    }

    /**
     * Vertical bars, left to right.
     *
     * @param labelEvery label one bar in this many (and the last), so labels never overlap
     */
    public static BarChart vertical(List<Point> points, int labelEvery) {
        int width = 720;
        int height = 280;
        Rect plot = new Rect(56, 12, width - 56 - 12, height - 12 - 44);
        long max = niceMax(points.stream().mapToLong(p -> p.first() + p.second()).max().orElse(0));
        double slot = plot.width() / Math.max(1, points.size());
        double barWidth = Math.max(2, slot * 0.7);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double x = plot.x() + i * slot + (slot - barWidth) / 2;
            double h1 = plot.height() * p.first() / max;
            double h2 = plot.height() * p.second() / max;
            double bottom = plot.y() + plot.height();
            boolean labelled = i % labelEvery == 0 || i == points.size() - 1;
            bars.add(new Bar(p.label(), p.first(), p.second(), new Rect(x, bottom - h1, barWidth, h1),
                    new Rect(x, bottom - h1 - h2, barWidth, h2), x + barWidth / 2, bottom + 20, labelled,
                    x + barWidth / 2, bottom - h1 - h2 - 4));
        }
        List<Tick> ticks = new ArrayList<>();
        for (long value : tickValues(max)) {
            double y = plot.y() + plot.height() - plot.height() * value / max;
            ticks.add(new Tick(value, plot.x(), y, plot.x() + plot.width(), y, plot.x() - 8, y + 5));
        }
        return new BarChart(width, height, true, bars, ticks, plot);
    }

    /** Horizontal bars, top to bottom, labelled on the left. */
    public static BarChart horizontal(List<Point> points) {
        int width = 720;
        int rowHeight = 30;
        int labelWidth = 200;
        int height = 12 + Math.max(1, points.size()) * rowHeight + 32;
        Rect plot = new Rect(labelWidth, 12, width - labelWidth - 64, Math.max(1, points.size()) * rowHeight);
        long max = niceMax(points.stream().mapToLong(p -> p.first() + p.second()).max().orElse(0));
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double y = plot.y() + i * rowHeight + 5;
            double barHeight = rowHeight - 10;
            double w1 = plot.width() * p.first() / max;
            double w2 = plot.width() * p.second() / max;
            bars.add(new Bar(p.label(), p.first(), p.second(), new Rect(plot.x(), y, w1, barHeight),
                    new Rect(plot.x() + w1, y, w2, barHeight), plot.x() - 8, y + barHeight / 2 + 5, true,
                    plot.x() + w1 + w2 + 6, y + barHeight / 2 + 5));
        }
        List<Tick> ticks = new ArrayList<>();
        for (long value : tickValues(max)) {
            double x = plot.x() + plot.width() * value / max;
            ticks.add(new Tick(value, x, plot.y(), x, plot.y() + plot.height(), x, plot.y() + plot.height() + 20));
        }
        return new BarChart(width, height, false, bars, ticks, plot);
    }

    /** The smallest of 1, 2, 5 times a power of ten at or above {@code max} (at least 1). */
    static long niceMax(long max) {
        if (max <= 1) {
            return 1;
        }
        long power = 1;
        while (power * 10 < max) {
            power *= 10;
        }
        for (long step : new long[] {1, 2, 5, 10}) {
            if (step * power >= max) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /** Zero, the top, and up to three values between that are whole numbers. */
    static List<Long> tickValues(long max) {
        List<Long> values = new ArrayList<>();
        int parts = max % 4 == 0 ? 4 : max % 5 == 0 ? 5 : max % 2 == 0 ? 2 : 1;
        for (int i = 0; i <= parts; i++) {
            values.add(max * i / parts);
        }
        return values;
    }

    public int getWidth() {
        return width;
    }

    public int getHeight() {
        return height;
    }

    public boolean isVertical() {
        return vertical;
    }

    public List<Bar> getBars() {
        return bars;
    }

    public List<Tick> getTicks() {
        return ticks;
    }

    public Rect getPlot() {
        return plot;
    }

    /** The axis line along the bars' base. */
    public Rect getBaseline() {
        return vertical ? new Rect(plot.x(), plot.y() + plot.height(), plot.x() + plot.width(), plot.y() + plot.height())
                : new Rect(plot.x(), plot.y(), plot.x(), plot.y() + plot.height());
    }

    /** A number as SVG attributes write it: short, with a dot whatever the reader's language. */
    public static String n(double value) {
        long rounded = Math.round(value * 10);
        return rounded % 10 == 0 ? Long.toString(rounded / 10) : Double.toString(rounded / 10.0);
    }
}
