package dev.poststride.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The load tools, each in its own process: wrk (HTTP) and pgbench (the database's own ceiling). */
final class LoadTools {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WRK_SCRIPT = Path.of("scripts/bench/report.lua");

    private LoadTools() {
    }

    /** What one wrk run measured. Latencies in milliseconds. */
    record WrkResult(double requestsPerSecond, double p50, double p99, double p999, double max, long requests,
                     long non2xx, long socketErrors) {
    }

    /** A request for wrk: method, URL, optional JSON body and Bearer token. */
    record WrkRequest(String method, String url, String body, String token) {
        static WrkRequest get(String url, String token) {
            return new WrkRequest("GET", url, null, token);
        }
    }

    static WrkResult wrk(WrkRequest request, int connections, int seconds) throws IOException, InterruptedException {
        int threads = Math.min(2, connections);
        List<String> command = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                                       "--timeout", "30s", "-s", WRK_SCRIPT.toString(), request.url());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("WRK_METHOD", request.method());
        env.put("WRK_BODY", request.body() == null ? "" : request.body());
        env.put("WRK_TOKEN", request.token() == null ? "" : request.token());
        String output = run(builder);
        for (String line : output.split("\n")) {
            if (line.startsWith("BENCH ")) {
                JsonNode r = JSON.readTree(line.substring(6));
                double seconds_ = r.path("duration_us").asDouble() / 1e6;
                return new WrkResult(r.path("requests").asDouble() / seconds_, r.path("p50_us").asDouble() / 1000,
                                     r.path("p99_us").asDouble() / 1000, r.path("p999_us").asDouble() / 1000,
                                     r.path("max_us").asDouble() / 1000, r.path("requests").asLong(),
                                     r.path("non2xx").asLong(), r.path("socket_errors").asLong());
            }
        }
        throw new IOException("wrk printed no result:\n" + output);
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    /** Creates pgbench's tables in the benchmark database (scale 10: a million rows). */
    static void pgbenchInit(BenchOptions options) throws IOException, InterruptedException {
        run(pgbench(options, List.of("-i", "-q", "-s", "10")));
    }

    /** Select-only pgbench at the given connections: transactions per second. */
    static double pgbenchSelect(BenchOptions options, int connections, int seconds)
            throws IOException, InterruptedException {
        String output = run(pgbench(options, List.of("-S", "-n", "-c", Integer.toString(connections), "-j", "2",
                                                     "-T", Integer.toString(seconds))));
        Matcher m = TPS.matcher(output);
        if (!m.find()) {
            throw new IOException("pgbench printed no tps:\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }

    private static ProcessBuilder pgbench(BenchOptions options, List<String> args) {
        List<String> command = new ArrayList<>(List.of("pgbench", "-h", options.dbHost(), "-p",
                                                       Integer.toString(options.dbPort()), "-U", options.dbUser()));
        command.addAll(args);
        command.add(options.dbName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", options.dbPassword());
        return builder;
    }

    /** The load average over the last minute, from /proc/loadavg. */
    static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    private static String run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", builder.command()) + " failed:\n" + output);
        }
        return output;
    }
}
