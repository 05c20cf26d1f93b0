package dev.poststride.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.support.Sql;
import dev.poststride.support.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code post-stride migrate}, the packaged binary as a deployment's migration step runs it: it migrates an empty
 * schema, then exits 0 without serving. An unknown command exits 2 at once. Run by Failsafe on the native binary.
 */
class MigrateCommandIT {

    private static final Path BINARY = Path.of(System.getProperty("native.image.path", "target/missing-runner"));

    @Test
    void migrateBringsAnEmptySchemaToTheCurrentVersionAndExitsWithoutServing() throws Exception {
        String schema = "migrate_check_" + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
        Path log = Files.createTempFile("migrate", ".log");
        try {
            Process migrate = start(log, schema, "-Dquarkus.http.host=0.0.0.0", "migrate");
            assertThat(migrate.waitFor(120, TimeUnit.SECONDS)).as("migrate exits").isTrue();
            String output = Files.readString(log);
            assertThat(migrate.exitValue()).as(output).isZero();
            assertThat(output).contains("Successfully applied").doesNotContain("Listening on: http");
            try (Connection c = Sql.connect()) {
                Number applied = (Number) Sql.value(c, "select count(*) from " + schema
                                                       + ".flyway_schema_history where success");
                assertThat(applied.intValue()).isGreaterThanOrEqualTo(9);
                assertThat(((Number) Sql.value(c, "select count(*) from information_schema.tables where"
                                                  + " table_schema = ? and table_name = 'posts'", schema)).intValue())
                        .isEqualTo(1);
            }
        } finally {
            try (Connection c = Sql.connect()) {
                Sql.exec(c, "drop schema if exists " + schema + " cascade");
            }
            Files.deleteIfExists(log);
        }
    }

    @Test
    void anUnknownCommandExitsTwoWithoutStarting() throws Exception {
        Path log = Files.createTempFile("migrate", ".log");
        try {
            Process unknown = start(log, "public", "migrat");
            assertThat(unknown.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(unknown.exitValue()).isEqualTo(2);
            assertThat(Files.readString(log)).contains("the only command is 'migrate'");
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Process start(Path log, String schema, String... args) throws Exception {
        TestKeys keys = TestKeys.generate();
        String[] command = new String[args.length + 1];
        command[0] = BINARY.toAbsolutePath().toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", System.getenv("POSTSTRIDE_TEST_DB_URL") + "?currentSchema=" + schema);
        env.put("QUARKUS_DATASOURCE_USERNAME", System.getenv().getOrDefault("POSTSTRIDE_DB_USER", "poststride"));
        env.put("QUARKUS_DATASOURCE_PASSWORD", System.getenv().getOrDefault("POSTSTRIDE_DB_PASSWORD", "poststride"));
        env.put("QUARKUS_FLYWAY_SCHEMAS", schema);
        env.put("MP_JWT_VERIFY_PUBLICKEY", keys.publicKeyBase64());
        env.put("SMALLRYE_JWT_SIGN_KEY", keys.privateKeyBase64());
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        env.put("POSTSTRIDE_VAULT_KEY", "migrate:" + Base64.getEncoder().encodeToString(random));
        env.put("POSTSTRIDE_MEDIA_SIGNING_KEY", Base64.getEncoder().encodeToString(random));
        env.put("PORT", "0");
        return builder.start();
    }
}
