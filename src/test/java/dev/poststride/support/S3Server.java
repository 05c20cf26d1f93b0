package dev.poststride.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server for the tests: S3Proxy (Maven Central, copied to {@code target/s3proxy} by the build) run as
 * a child process on a free port, with in-memory storage and AWS signature checking on, so a pre-signed URL that
 * the service hands out is verified exactly as S3 would. Hands the service its endpoint, bucket and credentials;
 * {@link #client()} lets a test look into the bucket.
 */
public class S3Server implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "poststride-test-media";
    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "poststride-test";
    /** Marked like every other secret of the tests, so LogLeakTest would find it in the service's log. */
    public static final String SECRET_KEY = FakePlatforms.SECRET_MARK + "s3-secret-key";
    private static final Path JAR = Path.of("target", "s3proxy", "s3proxy.jar").toAbsolutePath();

    private static volatile String endpoint;
    private Process process;

    @Override
    public Map<String, String> start() {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the build copies it (mvn process-test-resources)");
        }
        try {
            int port = freePort();
            endpoint = "http://127.0.0.1:" + port;
            Path work = Files.createDirectories(Path.of("target", "s3proxy").toAbsolutePath());
            Path properties = work.resolve("s3proxy-" + port + ".properties");
            Files.write(properties, List.of(
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=transient",
                    "jclouds.identity=unused",
                    "jclouds.credential=unused"));
            Path log = work.resolve("s3proxy-" + port + ".log");
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                         "-Xmx256m", "-jar", JAR.toString(), "--properties", properties.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            awaitPort(port, Duration.ofSeconds(60));
            try (S3Client s3 = client()) {
                s3.createBucket(r -> r.bucket(BUCKET));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("poststride.media.storage", "s3");
        config.put("poststride.media.s3.bucket", BUCKET);
        config.put("quarkus.s3.endpoint-override", endpoint);
        config.put("quarkus.s3.path-style-access", "true");
        config.put("quarkus.s3.aws.region", REGION);
        config.put("quarkus.s3.aws.credentials.type", "static");
        config.put("quarkus.s3.aws.credentials.static-provider.access-key-id", ACCESS_KEY);
        config.put("quarkus.s3.aws.credentials.static-provider.secret-access-key", SECRET_KEY);
        return config;
    }

    /** A client of the running server, for looking into the bucket. */
    public static S3Client client() {
        return S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public static String endpoint() {
        return endpoint;
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
        }
    }

    private void awaitPort(int port, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited with " + process.exitValue() + "; see target/s3proxy/*.log");
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for S3Proxy", e);
                }
            }
        }
        throw new IOException("S3Proxy did not listen on port " + port + " within " + limit);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
