package dev.poststride.bench;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a benchmark run is set up: {@code --smoke} makes every scenario tiny (CI keeps the harness from rotting with
 * it; figures of a smoke run mean nothing), {@code --native} adds the native binary beside the JVM jar,
 * {@code --limiter-off} the last build again with the API's rate limiter switched off (what the limiter costs).
 */
record BenchOptions(boolean smoke, boolean includeNative, boolean limiterOff, int runs, Set<Integer> scenarios,
                    Path jar, Optional<Path> baselineJar, Optional<Path> baselineNative,
                    Path nativeBinary, Path workDir, Path report, String dbHost, int dbPort, String dbName,
                    String dbUser, String dbPassword, String command) {

    static BenchOptions parse(String[] args) {
        boolean smoke = false;
        boolean includeNative = false;
        boolean limiterOff = false;
        Integer runs = null;
        Set<Integer> scenarios = new TreeSet<>(Set.of(1, 2, 3, 4, 5, 6, 7));
        Path report = null;
        Path baseline = null;
        Path baselineNative = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--native" -> includeNative = true;
                case "--limiter-off" -> limiterOff = true;
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--scenarios" -> {
                    scenarios = new TreeSet<>();
                    for (String s : args[++i].split(",")) {
                        scenarios.add(Integer.parseInt(s.trim()));
                    }
                }
                case "--report" -> report = Path.of(args[++i]);
                case "--baseline-jar" -> baseline = Path.of(args[++i]);
                case "--baseline-native" -> baselineNative = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --smoke --native --limiter-off --runs N --scenarios 1,2,..."
                        + " --report FILE --baseline-jar JAR --baseline-native BINARY)");
            }
        }
        Path work = Path.of(env("BENCH_WORK_DIR", "target/bench"));
        if (report == null) {
            report = smoke ? work.resolve("BENCHMARKS-smoke.md") : Path.of("BENCHMARKS.md");
        }
        return new BenchOptions(smoke, includeNative, limiterOff, runs != null ? runs : smoke ? 1 : 3, scenarios,
                                Path.of(env("BENCH_JAR", "target/quarkus-app/quarkus-run.jar")),
                                Optional.ofNullable(baseline), Optional.ofNullable(baselineNative),
                                Path.of(env("BENCH_NATIVE_BINARY", "target/post-stride-0.1.0-SNAPSHOT-runner")),
                                work, report, env("POSTSTRIDE_DB_HOST", "127.0.0.1"),
                                Integer.parseInt(env("POSTSTRIDE_DB_PORT", "5432")),
                                env("BENCH_DB_NAME", "poststride_bench"), env("POSTSTRIDE_DB_USER", "poststride"),
                                env("POSTSTRIDE_DB_PASSWORD", "poststride"),
                                env("BENCH_COMMAND", "scripts/bench.sh " + String.join(" ", args)));
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + dbName;
    }

    /** {@code full} in a real run, {@code small} in a smoke run. */
    int size(int full, int small) {
        return smoke ? small : full;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
