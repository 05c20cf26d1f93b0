package dev.poststride.common;

import dev.poststride.common.work.InternalJob;
import io.quarkus.arc.All;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The one trigger of the {@link InternalJob}s, for a cloud cron (Authorization: Bearer &lt;trigger secret&gt;); the
 * per-job paths that came before it stay as aliases, since deployed cron jobs call them.
 */
@Path("/api/internal")
@Tag(name = "Operations")
@Produces(MediaType.APPLICATION_JSON)
public class InternalJobsResource {

    private final Map<String, InternalJob> jobs = new TreeMap<>();
    private final InternalTriggerGuard guard;

    InternalJobsResource(@All List<InternalJob> jobs, InternalTriggerGuard guard) {
        jobs.forEach(job -> this.jobs.put(job.name(), job));
        this.guard = guard;
    }

    @POST
    @Path("/jobs/{name}")
    @Operation(summary = "Run one job now and answer its report: publish, webhooks, token-refresh or retention"
                         + " (Authorization: Bearer <trigger secret>)")
    public Object run(@HeaderParam("Authorization") String authorization, @PathParam("name") String name) {
        guard.check(authorization);
        InternalJob job = jobs.get(name);
        if (job == null) {
            String shown = name.matches("[a-z0-9-]{1,40}") ? "'" + name + "'" : "named so";
            throw new Problems.NotFound("A job " + shown + " (the jobs: " + String.join(", ", jobs.keySet()) + ")");
        }
        return job.run();
    }

    @POST
    @Path("/publish-cycle")
    @Operation(summary = "Alias of POST /api/internal/jobs/publish", deprecated = true)
    public Object publishCycle(@HeaderParam("Authorization") String authorization) {
        return run(authorization, "publish");
    }

    @POST
    @Path("/webhook-cycle")
    @Operation(summary = "Alias of POST /api/internal/jobs/webhooks", deprecated = true)
    public Object webhookCycle(@HeaderParam("Authorization") String authorization) {
        return run(authorization, "webhooks");
    }

    @POST
    @Path("/token-refresh-cycle")
    @Operation(summary = "Alias of POST /api/internal/jobs/token-refresh", deprecated = true)
    public Object tokenRefreshCycle(@HeaderParam("Authorization") String authorization) {
        return run(authorization, "token-refresh");
    }
}
