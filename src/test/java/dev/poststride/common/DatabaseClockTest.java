package dev.poststride.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.support.Sql;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The production clock follows the database's, not the machine's: against a database whose clock runs 90 s ahead
 * (a schema whose {@code clock_timestamp()} is shifted, first on the search path), "now" is 90 s ahead too — as two
 * instances with skewed machine clocks would both read the database's time.
 */
class DatabaseClockTest {

    @Test
    void nowIsTheDatabasesNowWhateverThisMachinesClockSays() throws Exception {
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "create schema if not exists clock_skew");
            Sql.exec(c, "create or replace function clock_skew.clock_timestamp() returns timestamptz language sql"
                        + " as $$ select pg_catalog.clock_timestamp() + interval '90 seconds' $$");
        }
        DatabaseClock skewed = new DatabaseClock(new OneSessionSetting(
                "set search_path = clock_skew, pg_catalog, public"));
        DatabaseClock straight = new DatabaseClock(new OneSessionSetting("select 1"));

        assertThat(skewed.offset()).isZero();
        skewed.sync();
        straight.sync();

        assertThat(skewed.offset()).isBetween(Duration.ofSeconds(89), Duration.ofSeconds(91));
        assertThat(Duration.between(Instant.now(), skewed.instant())).isBetween(Duration.ofSeconds(89),
                                                                                 Duration.ofSeconds(91));
        assertThat(straight.offset().abs()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aDatabaseThatDoesNotAnswerKeepsTheLastOffset() {
        DatabaseClock clock = new DatabaseClock(new OneSessionSetting(null));
        clock.sync();
        assertThat(clock.offset()).isZero();
        assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofSeconds(1));
    }

    /** Connections of the test database, each set up with one statement; {@code null} refuses to connect. */
    private record OneSessionSetting(String setup) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            if (setup == null) {
                throw new SQLException("the database is down");
            }
            Connection c = Sql.connect();
            c.createStatement().execute(setup);
            return c;
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
