package dev.poststride.common;

import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * This process's name on the leases it takes and among the live instances; unique per start, so a restarted
 * instance owns nothing.
 */
@Singleton
public class InstanceIdentity {

    private final String id = "instance-" + UUID.randomUUID();

    public String id() {
        return id;
    }
}
