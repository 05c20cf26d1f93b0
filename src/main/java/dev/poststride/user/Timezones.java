package dev.poststride.user;

import java.time.ZoneId;
import java.util.Set;

/** IANA zone ids ({@code Europe/Paris}); fixed offsets such as {@code +02:00} are not accepted. */
public final class Timezones {

    private static final Set<String> IANA_ZONES = ZoneId.getAvailableZoneIds();

    private Timezones() {
    }

    public static boolean isIanaZone(String zone) {
        return zone != null && IANA_ZONES.contains(zone);
    }
}
