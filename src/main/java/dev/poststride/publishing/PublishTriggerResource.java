package dev.poststride.publishing;

import dev.poststride.common.InternalTriggerGuard;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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
    private final InternalTriggerGuard guard;

    PublishTriggerResource(PublishCycle cycle, InternalTriggerGuard guard) {
        this.cycle = cycle;
        this.guard = guard;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish what is due within the cron budget (Authorization: Bearer <trigger secret>)")
    public CycleReport trigger(@HeaderParam("Authorization") String authorization) {
        guard.check(authorization);
        return cycle.run();
    }
}
