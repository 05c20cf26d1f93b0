package dev.poststride.common;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * "Now" as PostgreSQL sees it, read without a round trip: this machine's clock plus the offset to the database's
 * clock, measured by {@link #sync()} (half the round trip taken off). Every instance that shares the database then
 * agrees on when a post is due and when a lease ends, whatever its own clock's skew.
 */
public final class DatabaseClock extends Clock {

    private static final Logger LOG = Logger.getLogger(DatabaseClock.class);
    /** An offset above this is worth a line in the log: the machine's clock is off. */
    private static final Duration NOTABLE = Duration.ofMillis(500);

    private final DataSource dataSource;
    private final CountDownLatch firstSync = new CountDownLatch(1);
    private volatile long offsetNanos;

    public DatabaseClock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Instant instant() {
        return Instant.now().plusNanos(offsetNanos);
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), Duration.ofNanos(offsetNanos));
    }

    /** The database clock minus this machine's, as last measured. */
    public Duration offset() {
        return Duration.ofNanos(offsetNanos);
    }

    /**
     * Waits until the offset has been measured once (or the measurement failed), at most {@code limit}; whoever
     * decides what is due waits for it, while answering requests need not.
     */
    public void awaitFirstSync(Duration limit) throws InterruptedException {
        firstSync.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Measures the offset again; keeps the previous one (and says why) when the database does not answer. */
    public void sync() {
        try {
            measure();
        } finally {
            firstSync.countDown();
        }
    }

    private void measure() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            long sent = System.nanoTime();
            Instant local = Instant.now();
            Instant database;
            try (ResultSet rs = s.executeQuery("select clock_timestamp()")) {
                rs.next();
                database = rs.getTimestamp(1).toInstant();
            }
            long roundTrip = System.nanoTime() - sent;
            long offset = Duration.between(local.plusNanos(roundTrip / 2), database).toNanos();
            if (Math.abs(offset - offsetNanos) > NOTABLE.toNanos()) {
                LOG.infof("The database clock is %d ms ahead of this machine's; due times follow the database",
                          Duration.ofNanos(offset).toMillis());
            }
            offsetNanos = offset;
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("The database clock could not be read (%s); keeping the offset of %d ms", e.getMessage(),
                      Duration.ofNanos(offsetNanos).toMillis());
        }
    }
}
