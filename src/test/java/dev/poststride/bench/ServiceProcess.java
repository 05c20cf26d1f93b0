package dev.poststride.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One packaged Post Stride (JVM jar or native binary) run as its own process on a port of its own, with what the
 * operating system knows of it: time from exec to ready, resident memory, CPU time.
 */
final class ServiceProcess implements AutoCloseable {

    /**
     * What runs: the JVM jar or the native binary, named as the report names it, with settings of its own; a native
     * binary runs with the heap limit the deployment manifests give it.
     */
    record Build(String label, boolean nativeBinary, Path executable, Map<String, String> env) {

        List<String> arguments() {
            return nativeBinary ? Bench.NATIVE_HEAP_ARGS : List.of();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Build build;
    final int port;
    private final Process process;
    private final long startedNanos;

    private ServiceProcess(Build build, int port, Process process, long startedNanos) {
        this.build = build;
        this.port = port;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    static ServiceProcess start(Build build, int port, Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        if (!build.nativeBinary()) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // e.g. BENCH_SERVICE_JAVA_OPTS="-XX:StartFlightRecording=filename=target/bench/list.jfr" to profile
            String javaOptions = System.getenv("BENCH_SERVICE_JAVA_OPTS");
            if (javaOptions != null && !javaOptions.isBlank()) {
                command.addAll(List.of(javaOptions.trim().split("\\s+")));
            }
            command.add("-jar");
        }
        command.add(build.executable().toString());
        command.addAll(build.arguments());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().putAll(build.env());
        builder.environment().put("PORT", Integer.toString(port));
        long started = System.nanoTime();
        return new ServiceProcess(build, port, builder.start(), started);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits for the first 200 of {@code /q/health/ready}; the milliseconds since exec. */
    double awaitReady(Duration limit) throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = startedNanos + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(build + " service exited with " + process.exitValue()
                                                + " before it was ready; see its log");
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - startedNanos) / 1e6;
                }
            } catch (IOException notYet) {
                // connection refused until the port opens
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException(build + " service not ready after " + limit);
    }

    /** Waits for the first 200 of {@code path} called with {@code token}; the milliseconds since exec. */
    double awaitFirstOk(String path, String token, Duration limit) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(2)).build();
        long deadline = startedNanos + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(build + " service exited with " + process.exitValue()
                                                + " before it answered; see its log");
            }
            try {
                int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return (System.nanoTime() - startedNanos) / 1e6;
                }
                if (status != 503) {
                    throw new IllegalStateException(build + " answered " + status + " to " + path);
                }
            } catch (IOException notYet) {
                // connection refused until the port opens
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException(build + " did not answer " + path + " within " + limit);
    }

    /** {@code requests} calls of {@code path} from {@code clients} clients at once; fails on any non-200. */
    void load(String path, String token, int clients, int requests) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build();
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(requests);
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 200) {
                            throw new IllegalStateException(build + " answered " + status + " to " + path);
                        }
                    }
                    return null;
                }));
            }
            for (var task : running) {
                task.get();
            }
        }
    }

    long pid() {
        return process.pid();
    }

    /** Resident set size in MiB ({@code VmRSS}). */
    double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for " + pid());
    }

    /** User + system CPU seconds the process has used so far (clock ticks of 1/100 s). */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** SIGKILL: the instance dies mid-whatever, as in a crash or an OOM kill, leaving its leases to expire. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM (graceful shutdown gives back its leases), then SIGKILL if it does not end. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
