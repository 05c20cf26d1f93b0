package dev.poststride.webhook;

import dev.poststride.common.InternalTriggerGuard;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One webhook round on demand, for deployments that scale to zero (a cloud cron calls it every minute, like the
 * publish cycle, so that retries fall due even when no request keeps an instance up).
 */
@Path("/api/internal/webhook-cycle")
@Tag(name = "Operations")
public class WebhookTriggerResource {

    private final WebhookWorker worker;
    private final InternalTriggerGuard guard;

    WebhookTriggerResource(WebhookWorker worker, InternalTriggerGuard guard) {
        this.worker = worker;
        this.guard = guard;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Relay new events and send every due webhook delivery (Authorization: Bearer <trigger"
                         + " secret>)")
    public WebhookWorker.Round trigger(@HeaderParam("Authorization") String authorization) {
        guard.check(authorization);
        return worker.round();
    }
}
