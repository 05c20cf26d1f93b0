package dev.poststride.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Medians, spreads and percentiles of a few numbers, and how the report writes them. */
final class Stats {

    private Stats() {
    }

    static double median(Collection<Double> values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile; NaN for no values. */
    static double percentile(Collection<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        if (p == 50 && sorted.size() % 2 == 0) {
            return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static double max(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    static double min(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /** {@code median (min–max)} of several runs; one run is just its value. */
    static String spread(Collection<Double> runs, String format) {
        if (runs.isEmpty()) {
            return "—";
        }
        String median = fmt(format, median(runs));
        return runs.size() == 1 ? median
                : median + " (" + fmt(format, min(runs)) + "–" + fmt(format, max(runs)) + ")";
    }

    static String fmt(String format, double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, format, value);
    }
}
