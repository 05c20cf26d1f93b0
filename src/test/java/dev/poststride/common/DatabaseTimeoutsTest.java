package dev.poststride.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The database connections' time limits (README, Configuration): a socket timeout of at most a third of the publish
 * lease and a slightly shorter statement timeout on the pool, so a publish blocked on a dead connection fails while
 * its lease is still renewed; Flyway on a connection of its own with a longer statement timeout.
 */
@QuarkusTest
class DatabaseTimeoutsTest {

    @Inject
    DataSource pool;

    @Inject
    Flyway flyway;

    @Test
    void thePoolsConnectionsGiveUpOnASilentSocketAndCancelALongStatement() throws Exception {
        try (Connection c = pool.getConnection()) {
            assertThat(c.getNetworkTimeout()).isEqualTo(30_000);
            assertThat(setting(c, "statement_timeout")).isEqualTo("29500ms");
        }
    }

    @Test
    void flywayMigratesOnAConnectionOfItsOwnWithALongerStatementTimeout() throws Exception {
        assertThat(flyway.getConfiguration().getDataSource()).isNotInstanceOf(AgroalDataSource.class);
        assertThat(flyway.getConfiguration().getInitSql()).isEqualTo("set statement_timeout = 900000");
        try (Connection c = flyway.getConfiguration().getDataSource().getConnection()) {
            assertThat(c.getNetworkTimeout()).isZero();
        }
    }

    @Test
    void aStatementPastTheTimeoutIsCancelledByTheServerAndTheConnectionStaysUsable() throws Exception {
        // The pool's settings with a 6-second lease: a 2-second socket timeout and a 1.5-second statement timeout.
        Map<String, String> derived = derive(Map.of("poststride.publishing.lease-duration", "6s"));
        Properties properties = new Properties();
        properties.setProperty("user", System.getenv().getOrDefault("POSTSTRIDE_DB_USER", "poststride"));
        properties.setProperty("password", System.getenv().getOrDefault("POSTSTRIDE_DB_PASSWORD", "poststride"));
        properties.setProperty("socketTimeout", derived.get("socketTimeout"));
        properties.setProperty("options", derived.get("options"));
        String url = flywayUrl();
        try (Connection c = new org.postgresql.Driver().connect(url, properties)) {
            assertThatThrownBy(() -> setting(c, "pg_sleep(2.5)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("statement timeout");
            assertThat(setting(c, "statement_timeout")).isEqualTo("1500ms");
        }
    }

    @Test
    void theSocketTimeoutIsAtMostAThirdOfTheLeaseInWholeSeconds() {
        assertThat(derive(Map.of()).get("socketTimeout")).isEqualTo("30");
        assertThat(derive(Map.of("poststride.publishing.lease-duration", "10s")).get("socketTimeout")).isEqualTo("3");
        assertThat(derive(Map.of("poststride.publishing.lease-duration", "2s")).get("socketTimeout")).isEqualTo("1");
        assertThat(derive(Map.of("poststride.database.socket-timeout", "90s")).get("socketTimeout")).isEqualTo("90");
        assertThat(derive(Map.of("poststride.database.socket-timeout", "2m")).get("socketTimeout")).isEqualTo("100");
        assertThat(derive(Map.of("poststride.publishing.lease-duration", "6s")).get("options"))
                .isEqualTo("-c statement_timeout=1500");
        // An explicit driver setting wins over the derived one.
        SmallRyeConfig explicit = config(Map.of("quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout",
                                                "7"));
        assertThat(explicit.getValue("quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout",
                                     String.class)).isEqualTo("7");
        assertThat(DatabaseTimeoutsConfigSourceFactory.socketTimeoutSeconds(Duration.ofMinutes(5),
                                                                            Duration.ofSeconds(30))).isEqualTo(30);
    }

    @Test
    void withoutADatasourcePasswordFlywayKeepsThePoolsConnection() {
        SmallRyeConfig config = config(Map.of("quarkus.datasource.username", "poststride"));
        assertThat(config.getOptionalValue("quarkus.flyway.username", String.class)).isEmpty();
        SmallRyeConfig both = config(Map.of("quarkus.datasource.username", "u", "quarkus.datasource.password", "p"));
        assertThat(both.getValue("quarkus.flyway.username", String.class)).isEqualTo("u");
        assertThat(both.getValue("quarkus.flyway.password", String.class)).isEqualTo("p");
    }

    private static Map<String, String> derive(Map<String, String> values) {
        SmallRyeConfig config = config(values);
        String prefix = "quarkus.datasource.jdbc.additional-jdbc-properties.";
        return Map.of("socketTimeout", config.getValue(prefix + "socketTimeout", String.class),
                      "options", config.getValue(prefix + "options", String.class));
    }

    private static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100))
                .withSources(new DatabaseTimeoutsConfigSourceFactory()).build();
    }

    private String flywayUrl() throws SQLException {
        try (Connection c = pool.getConnection()) {
            return c.getMetaData().getURL();
        }
    }

    private static String setting(Connection c, String expression) throws SQLException {
        String sql = expression.contains("(") ? "select " + expression + "::text" : "show " + expression;
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
