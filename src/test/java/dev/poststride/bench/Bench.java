package dev.poststride.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poststride.bench.ServiceProcess.Build;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark harness ({@code scripts/bench.sh}): starts the packaged service and the fake platforms as
 * separate processes, seeds PostgreSQL, runs the six scenarios with real load tools in their own processes and
 * writes the report. Figures are medians of several runs with their spread; API figures are also ratios to
 * ceilings measured in the same run, because this machine is noisy.
 */
public final class Bench {

    static final int SERVICE_PORT = 18080;
    /** The native binary's heap settings in the deployment manifests (deploy/), so the footprint measured is theirs. */
    public static final List<String> NATIVE_HEAP_ARGS = List.of("-Xmx64m");
    static final int FAKE_PORT = 18099;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final BenchOptions options;
    final Report report = new Report();
    final BenchData data;
    private final Map<String, String> serviceEnv;
    private Process fake;
    private int logs;

    private Bench(BenchOptions options) throws Exception {
        this.options = options;
        Files.createDirectories(options.workDir());
        String vaultKey = "bench:" + randomBase64(32);
        serviceEnv = serviceEnvironment(vaultKey);
        data = new BenchData(options, vaultKey);
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        Bench bench = new Bench(options);
        int exit;
        try {
            exit = bench.run();
        } finally {
            bench.stopFake();
        }
        System.exit(exit);
    }

    private int run() throws Exception {
        header();
        startFake();
        List<Build> builds = new ArrayList<>();
        // An earlier build runs on this run's schema: Flyway lets it start beside migrations it does not know.
        if (options.baselineJar().isPresent()) {
            Path jar = options.baselineJar().get();
            String commit = sh("git", "-C", jar.toAbsolutePath().getParent().toString(), "rev-parse", "--short",
                               "HEAD").strip();
            builds.add(new Build("JVM, baseline (" + (commit.matches("[0-9a-f]{7,}") ? "commit " + commit : jar) + ")",
                                 false, jar, Map.of("QUARKUS_FLYWAY_IGNORE_MIGRATION_PATTERNS", "*:future")));
        }
        builds.add(jvm());
        if (options.baselineNative().isPresent()) {
            builds.add(new Build("native, baseline (" + options.baselineNative().get().getFileName() + ")", true,
                                 options.baselineNative().get(),
                                 Map.of("QUARKUS_FLYWAY_IGNORE_MIGRATION_PATTERNS", "*:future")));
        }
        if (options.includeNative()) {
            if (Files.isExecutable(options.nativeBinary())) {
                builds.add(new Build("native", true, options.nativeBinary(), Map.of()));
            } else {
                report.fail("--native: no native binary at " + options.nativeBinary() + " (build it with"
                            + " ./mvnw package -Dnative)");
            }
        }
        if (options.limiterOff()) {
            Build last = builds.getLast();
            builds.add(new Build(last.label() + ", rate limiter off", last.nativeBinary(), last.executable(),
                                 Map.of("POSTSTRIDE_RATE_LIMIT_ENABLED", "false")));
        }
        if (!options.scenarios().contains(1)) {
            startReady(jvm(), SERVICE_PORT, Map.of()).close(); // Flyway migrates the fresh database
        }
        ApiScenarios api = new ApiScenarios(this, builds);
        PublisherScenarios publisher = new PublisherScenarios(this);
        KillScenario kill = new KillScenario(this);
        DatabaseRestartScenario restart = new DatabaseRestartScenario(this);
        PlatformChaosScenario chaos = new PlatformChaosScenario(this);
        for (int scenario : options.scenarios()) {
            long started = System.nanoTime();
            System.err.printf("[bench] scenario %d, load average %s%n", scenario, LoadTools.loadAverage());
            switch (scenario) {
                case 1 -> api.startup();
                case 2 -> api.throughput();
                case 3 -> publisher.burst();
                case 4 -> publisher.idle();
                case 5 -> publisher.headOfLine();
                case 6 -> api.growth();
                case 7 -> kill.run();
                case 8 -> restart.run();
                case 9 -> chaos.run();
                default -> report.fail("no scenario " + scenario);
            }
            System.err.printf("[bench] scenario %d took %.0f s%n", scenario, (System.nanoTime() - started) / 1e9);
        }
        report.write(options.report());
        System.err.println("[bench] report: " + options.report().toAbsolutePath());
        return report.failures().isEmpty() ? 0 : 1;
    }

    private void header() throws Exception {
        report.line(options.smoke() ? "# Post Stride benchmarks — smoke run (tiny sizes; figures mean nothing)"
                            : "# Post Stride benchmarks");
        report.line("");
        report.line("Written by `scripts/bench.sh` (`src/test/java/dev/poststride/bench`); do not edit by hand, run it"
                    + " again. How to read it: README, *Benchmarks*.");
        report.line("");
        report.table(List.of("what", "value"), List.of(
                List.of("date", Instant.now().toString()),
                List.of("command", "`" + options.command() + "`"),
                List.of("commit", sh("git", "rev-parse", "--short", "HEAD").strip()
                                  + (sh("git", "status", "--porcelain").isBlank() ? ""
                                          : " (with uncommitted changes)")),
                List.of("machine", sh("nproc").strip() + " cores (" + cpuModel() + "), "
                                   + memTotal() + " memory, " + sh("uname", "-r").strip()),
                List.of("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")),
                List.of("PostgreSQL", data.serverVersion()),
                List.of("runs per figure", options.runs() + " (median, with min–max in brackets)"),
                List.of("load average at start", LoadTools.loadAverage())));
    }

    /** A scenario's heading, with the load average the machine had when it began. */
    void section(String heading) throws IOException {
        report.heading(heading);
        report.line("Load average before: " + LoadTools.loadAverage() + ".");
        report.line("");
    }

    // ---- processes --------------------------------------------------------------------------------------------------

    /** The JVM jar under test. */
    Build jvm() {
        return new Build("JVM", false, options.jar(), Map.of());
    }

    /** With {@code --native}, the native binary (the build that restarts fastest); otherwise the JVM jar. */
    Build preferNative() {
        return options.includeNative() && Files.isExecutable(options.nativeBinary())
                ? new Build("native", true, options.nativeBinary(), Map.of()) : jvm();
    }

    ServiceProcess startService(Build build, int port, Map<String, String> extraEnv) throws IOException {
        Map<String, String> env = new HashMap<>(serviceEnv);
        env.putAll(extraEnv);
        Path log = options.workDir().resolve("service-" + (++logs) + (build.nativeBinary() ? "-native" : "-jvm")
                                             + ".log");
        return ServiceProcess.start(build, port, env, log);
    }

    ServiceProcess startReady(Build build, int port, Map<String, String> extraEnv) throws Exception {
        ServiceProcess service = startService(build, port, extraEnv);
        service.awaitReady(Duration.ofSeconds(120));
        return service;
    }

    /**
     * {@code instances} services on consecutive ports from {@link #SERVICE_PORT}, each ready; if one fails to start,
     * those already started are stopped before the failure is thrown.
     */
    List<ServiceProcess> startReadyInstances(Build build, int instances, Map<String, String> extraEnv)
            throws Exception {
        List<ServiceProcess> started = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                started.add(startReady(build, SERVICE_PORT + i, extraEnv));
            }
        } catch (Exception e) {
            stopAll(started);
            throw e;
        }
        return started;
    }

    /** SIGTERM to each (see {@link ServiceProcess#close}). */
    static void stopAll(List<ServiceProcess> services) throws InterruptedException {
        for (ServiceProcess service : services) {
            service.close();
        }
    }

    private void startFake() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        fake = new ProcessBuilder(java.toString(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                                  FakePlatformsServer.class.getName(), Integer.toString(FAKE_PORT), "50")
                .redirectErrorStream(true)
                .redirectOutput(options.workDir().resolve("fake-platforms.log").toFile()).start();
        for (int i = 0; i < 200; i++) {
            try {
                fakeControl("POST", "/_fake/reset");
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the fake platforms did not start; see fake-platforms.log");
    }

    private void stopFake() {
        if (fake != null) {
            fake.destroy();
        }
    }

    JsonNode fakeControl(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + FAKE_PORT + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("fake control " + path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /** Registers a webhook endpoint at the fakes' {@code /_hooks/<name>} for the token's workspace. */
    void registerWebhook(ServiceProcess service, String token, String name, List<String> types)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl()
                                                                                      + "/api/webhooks"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "url", "http://127.0.0.1:" + FAKE_PORT + "/_hooks/" + name, "event_types", types))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("registering a webhook answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Logs a seeded user in through the API; the access token. */
    String login(ServiceProcess service, String email) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl()
                                                                                      + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "email", email, "password", BenchData.PASSWORD)))).build(),
                                                  HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("login of " + email + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    // ---- configuration ----------------------------------------------------------------------------------------------

    /** Production profile, every secret generated for this run, every platform pointed at the fakes. */
    private Map<String, String> serviceEnvironment(String vaultKey) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path privateKey = options.workDir().resolve("jwt-private.pem");
        Path publicKey = options.workDir().resolve("jwt-public.pem");
        Files.writeString(privateKey, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        Files.writeString(publicKey, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", options.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", options.dbUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", options.dbPassword());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toAbsolutePath().toString());
        env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", privateKey.toAbsolutePath().toString());
        env.put("POSTSTRIDE_VAULT_KEY", vaultKey);
        env.put("POSTSTRIDE_MEDIA_SIGNING_KEY", randomBase64(32));
        env.put("POSTSTRIDE_MEDIA_STORAGE_DIR", options.workDir().resolve("media").toAbsolutePath().toString());
        env.put("POSTSTRIDE_PUBLIC_URL", "http://127.0.0.1:" + SERVICE_PORT);
        for (String platform : List.of("x", "linkedin", "facebook", "instagram", "tiktok", "threads")) {
            String key = "PLATFORMS_" + platform.toUpperCase() + "_";
            String base = "http://127.0.0.1:" + FAKE_PORT + "/" + platform;
            env.put(key + "CLIENT_ID", "bench-" + platform);
            env.put(key + "CLIENT_SECRET", "bench-" + platform + "-secret");
            env.put(key + "API_URL", base);
            env.put(key + "AUTHORIZE_URL", base + "/oauth/authorize");
            env.put(key + "TOKEN_URL", base + "/oauth/token");
        }
        // Scenario 3's settings: 64 publishes at once per instance, the per-platform limit high enough not to bind.
        env.put("POSTSTRIDE_PUBLISHING_MAX_CONCURRENT", "64");
        env.put("POSTSTRIDE_PUBLISHING_MAX_CONCURRENT_PER_PLATFORM", "64");
        // The API's rate limiter runs on every request (its cost is measured) but with limits no load here reaches:
        // the scenarios drive hundreds of requests a second as one user.
        env.put("POSTSTRIDE_RATE_LIMIT_PER_USER", "1000000000");
        env.put("POSTSTRIDE_RATE_LIMIT_PER_KEY", "1000000000");
        // Webhooks go to the fakes' /_hooks/ on this machine (the kill test counts what arrives).
        env.put("POSTSTRIDE_WEBHOOKS_REQUIRE_HTTPS", "false");
        env.put("POSTSTRIDE_WEBHOOKS_ALLOWED_PRIVATE_ADDRESSES", "127.0.0.1");
        return env;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
               + "\n-----END " + type + "-----\n";
    }

    private static String randomBase64(int bytes) {
        byte[] raw = new byte[bytes];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    // ---- the machine ------------------------------------------------------------------------------------------------

    static String sh(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static String cpuModel() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return "unknown CPU";
    }

    private static String memTotal() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Stats.fmt("%.1f GiB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0);
            }
        }
        return "?";
    }
}
