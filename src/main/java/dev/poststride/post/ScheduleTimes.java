package dev.poststride.post;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Reads a requested time. With an offset ({@code 2026-12-01T09:00:00+01:00}, {@code ...Z}) it is that instant.
 * Without one ({@code 2026-12-01T09:00}) it is wall-clock time in the user's timezone, DST-correct: a time that does
 * not exist there (the hour skipped when clocks spring forward) is refused; a time that exists twice (the hour
 * repeated when clocks fall back) is the earlier of the two instants.
 */
final class ScheduleTimes {

    /** Why a text is not a usable time; the message is for the client. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** Times a person can mean, well inside what PostgreSQL's {@code timestamptz} stores. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private ScheduleTimes() {
    }

    static Optional<Instant> parse(String text, ZoneId zone) throws Unreadable {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Instant instant = read(text.strip(), zone);
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new Unreadable("must be between the years 1 and 9999");
        }
        return Optional.of(instant);
    }

    private static Instant read(String text, ZoneId zone) throws Unreadable {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            LocalDateTime local;
            try {
                local = LocalDateTime.parse(text);
            } catch (DateTimeParseException e) {
                throw new Unreadable("must be an ISO-8601 date-time, e.g. 2026-12-01T09:00:00Z or 2026-12-01T09:00");
            }
            List<java.time.ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
            if (offsets.isEmpty()) {
                throw new Unreadable("does not exist in " + zone.getId() + " (the clocks skip it for daylight saving"
                                     + " time); choose another time or give an offset");
            }
            // ofLocal with no preferred offset takes the earlier instant of an overlap.
            return ZonedDateTime.ofLocal(local, zone, null).toInstant();
        }
    }
}
