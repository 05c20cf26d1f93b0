package dev.poststride.webhook;

import dev.poststride.common.Items;
import dev.poststride.common.Page;
import dev.poststride.common.access.CurrentAccess;
import dev.poststride.common.access.Permission;
import dev.poststride.common.access.Requires;
import dev.poststride.webhook.WebhookViews.DeliveryView;
import dev.poststride.webhook.WebhookViews.RotationRequest;
import dev.poststride.webhook.WebhookViews.TestSent;
import dev.poststride.webhook.WebhookViews.WebhookRequest;
import dev.poststride.webhook.WebhookViews.WebhookView;
import dev.poststride.webhook.WebhookViews.WebhookWithSecret;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The workspace's webhook endpoints (admins, or keys with {@code webhooks:write}): events POSTed signed per the
 * Standard Webhooks specification, retried for about a day, each attempt in the delivery log.
 */
@Path("/api/webhooks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@SecurityRequirement(name = "SecurityScheme")
public class WebhookResource {

    private final WebhookService webhooks;
    private final WebhookDeliveryLog log;
    private final CurrentAccess access;

    WebhookResource(WebhookService webhooks, WebhookDeliveryLog log, CurrentAccess access) {
        this.webhooks = webhooks;
        this.log = log;
        this.access = access;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Register an endpoint; the answer holds its signing secret, shown only this once")
    public Response create(@NotNull @Valid WebhookRequest request) {
        WebhookWithSecret created = webhooks.create(access.get(), request);
        return Response.created(URI.create("/api/webhooks/" + created.webhook().id())).entity(created).build();
    }

    @GET
    @Requires(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "The workspace's endpoints (never their secrets)")
    public Items<WebhookView> list() {
        return new Items<>(webhooks.list(access.get().workspace()));
    }

    @GET
    @Path("/{id}")
    @Requires(Permission.WEBHOOKS_MANAGE)
    public WebhookView get(@PathParam("id") UUID id) {
        return webhooks.get(access.get().workspace(), id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Change the URL, description or event types; enabled: true enables a disabled endpoint")
    public WebhookView update(@PathParam("id") UUID id, @NotNull @Valid WebhookRequest request) {
        return webhooks.update(access.get(), id, request);
    }

    @DELETE
    @Path("/{id}")
    @Requires(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Delete the endpoint and its delivery log; nothing more is sent to it")
    public void delete(@PathParam("id") UUID id) {
        webhooks.delete(access.get(), id);
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "A new signing secret (shown once); the old one also signs for overlap_seconds")
    public WebhookWithSecret rotate(@PathParam("id") UUID id, RotationRequest request) {
        return webhooks.rotate(access.get(), id, request == null ? null : request.overlapSeconds());
    }

    @POST
    @Path("/{id}/test")
    @Requires(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Send a webhook.test event to this endpoint now; see the outcome in its deliveries")
    public Response test(@PathParam("id") UUID id) {
        TestSent sent = webhooks.sendTest(access.get(), id);
        return Response.accepted(sent).build();
    }

    @GET
    @Path("/{id}/deliveries")
    @Requires(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "The endpoint's deliveries, newest first, each with every attempt (status, duration,"
                         + " response code, the answer's first bytes)")
    public Page<DeliveryView> deliveries(@PathParam("id") UUID id,
                                         @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
                                         @QueryParam("page") String page,
                                         @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                                                                     maximum = "100"))
                                         @QueryParam("size") String size) {
        return log.deliveries(access.get().workspace(), id, Page.PageRequest.of(page, size));
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @Requires(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Send the delivery again now, with the same webhook-id (a new round of retries)")
    public Response redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return Response.accepted(log.redeliver(access.get(), id, deliveryId)).build();
    }
}
