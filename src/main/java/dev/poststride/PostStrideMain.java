package dev.poststride;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import java.util.List;

/**
 * The binary's entry point. With no argument it serves the API; {@code migrate} migrates the database schema
 * (Flyway) and exits, for a Kubernetes Job, an init container or a release step, so that serving instances can start
 * without migrating ({@code POSTSTRIDE_MIGRATE_AT_START=false}) and cold starts stay short.
 */
@QuarkusMain
public class PostStrideMain {

    public static void main(String... args) {
        // Options (-D..., -Xmx...) may stand before the command, e.g. from a container image's entry point.
        List<String> commands = Arrays.stream(args).filter(a -> !a.startsWith("-")).toList();
        if (commands.equals(List.of("migrate"))) {
            // Only the migration runs: no HTTP listener, no dispatcher, no jobs.
            System.setProperty("quarkus.flyway.migrate-at-start", "true");
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("poststride.publishing.scheduler-enabled", "false");
            System.setProperty("poststride.tokens.scheduler-enabled", "false");
            System.setProperty("poststride.retention.enabled", "false");
            System.setProperty("quarkus.scheduler.enabled", "false");
            Quarkus.run(MigrateAndExit.class, args);
            return;
        }
        if (!commands.isEmpty()) {
            System.err.println("Unknown command " + commands + "; the only command is 'migrate' (no command: serve).");
            System.exit(2);
        }
        Quarkus.run(args);
    }

    /** Start-up has migrated the schema (or failed, and the exit code says so); nothing is left to do. */
    public static class MigrateAndExit implements QuarkusApplication {
        @Override
        public int run(String... args) {
            return 0;
        }
    }
}
