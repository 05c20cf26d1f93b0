package dev.poststride.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Markdown report ({@code BENCHMARKS.md}) and the checks a run failed. */
final class Report {

    private final StringBuilder text = new StringBuilder();
    private final List<String> failures = new ArrayList<>();

    Report line(String line) {
        text.append(line).append('\n');
        return this;
    }

    Report heading(String heading) {
        return line("").line(heading).line("");
    }

    Report table(List<String> headers, List<List<String>> rows) {
        line("| " + String.join(" | ", headers) + " |");
        line("|" + "---|".repeat(headers.size()));
        for (List<String> row : rows) {
            line("| " + String.join(" | ", row) + " |");
        }
        return line("");
    }

    Report code(String body) {
        return line("```").line(body.stripTrailing()).line("```");
    }

    /** A check that failed: the run exits non-zero, and the report lists it. */
    void fail(String what) {
        failures.add(what);
        System.err.println("[bench] FAILED: " + what);
    }

    List<String> failures() {
        return failures;
    }

    void write(Path file) throws IOException {
        StringBuilder out = new StringBuilder(text);
        if (!failures.isEmpty()) {
            out.append("\n## Failed checks\n\n");
            failures.forEach(f -> out.append("- ").append(f).append('\n'));
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, out);
    }
}
