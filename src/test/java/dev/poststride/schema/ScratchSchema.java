package dev.poststride.schema;

import dev.poststride.support.Sql;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * A schema of its own in the test database, for migration tests: migrated to any version with the service's own
 * migrations, then dropped.
 */
final class ScratchSchema {

    final String name;

    ScratchSchema(String prefix) {
        this.name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Flyway on this schema, migrating up to {@code target} ("latest" for all). */
    Flyway flyway(String target) {
        return Flyway.configure()
                .dataSource(System.getenv("POSTSTRIDE_TEST_DB_URL"),
                            System.getenv().getOrDefault("POSTSTRIDE_DB_USER", "poststride"),
                            System.getenv().getOrDefault("POSTSTRIDE_DB_PASSWORD", "poststride"))
                .schemas(name).createSchemas(true).locations("classpath:db/migration").target(target).load();
    }

    void drop() throws Exception {
        try (Connection c = Sql.connect(); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + name + " cascade");
        }
    }
}
