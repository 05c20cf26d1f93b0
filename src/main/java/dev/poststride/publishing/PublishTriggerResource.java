package dev.poststride.publishing;

import dev.poststride.common.Problems;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Runs one publish cycle on demand, for deployments that scale to zero and have no always-running scheduler
 * (a cloud cron calls it every minute). Protected by a shared secret from configuration, not by a user token.
 */
@Path("/api/internal/publish-cycle")
@Tag(name = "Operations")
public class PublishTriggerResource {

    private final PublishCycle cycle;
    private final PublishingConfig config;

    PublishTriggerResource(PublishCycle cycle, PublishingConfig config) {
        this.cycle = cycle;
        this.config = config;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run one claim-and-publish cycle now (Authorization: Bearer <trigger secret>)")
    public CycleReport trigger(@HeaderParam("Authorization") String authorization) {
        String secret = config.triggerSecret().filter(s -> !s.isBlank())
                .orElseThrow(() -> new Problems.Forbidden(
                        "The publish trigger is disabled: set POSTSTRIDE_PUBLISHING_TRIGGER_SECRET to enable it."));
        if (authorization == null || !constantTimeEquals(authorization, "Bearer " + secret)) {
            throw new Problems.Unauthorized("The publish trigger secret is missing or wrong.");
        }
        return cycle.run(PublishCycle.Trigger.ENDPOINT);
    }

    private static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                                     expected.getBytes(StandardCharsets.UTF_8));
    }
}
