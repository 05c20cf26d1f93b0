package dev.poststride.platform;

import dev.poststride.common.InternalTriggerGuard;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs the token refresh job on demand, for deployments where a cloud cron replaces the in-process timer. */
@Path("/api/internal/token-refresh-cycle")
@Tag(name = "Operations")
public class TokenRefreshTriggerResource {

    private final TokenRefreshJob job;
    private final InternalTriggerGuard guard;

    TokenRefreshTriggerResource(TokenRefreshJob job, InternalTriggerGuard guard) {
        this.job = job;
        this.guard = guard;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Refresh tokens that expire soon (Authorization: Bearer <trigger secret>)")
    public RefreshReport trigger(@HeaderParam("Authorization") String authorization) {
        guard.check(authorization);
        return job.run();
    }
}
