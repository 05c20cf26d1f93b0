package dev.poststride.event;

import dev.poststride.common.Problems;
import dev.poststride.common.access.Access;
import dev.poststride.common.access.CurrentAccess;
import dev.poststride.common.access.Permission;
import dev.poststride.common.access.Requires;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The live event stream of a workspace (Server-Sent Events), and the tickets browsers open it with. */
@Path("/api/events")
@Tag(name = "Events")
public class EventResource {

    private final EventStreams streams;
    private final EventTickets tickets;
    private final CurrentAccess access;

    EventResource(EventStreams streams, EventTickets tickets, CurrentAccess access) {
        this.streams = streams;
        this.tickets = tickets;
        this.access = access;
    }

    @POST
    @Path("/ticket")
    @Authenticated
    @Requires(Permission.POSTS_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "A single-use ticket (valid 60 s) to open the event stream where Authorization cannot be"
                         + " sent, as with a browser's EventSource: /api/events/stream?ticket=...")
    public Response ticket() {
        return Response.status(201).entity(tickets.issue(access.get())).build();
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The workspace's events as they happen (Server-Sent Events: id = position, event = type,"
                         + " data = the same JSON as webhooks). Authorization header, API key or ?ticket=; resumes"
                         + " after Last-Event-ID (header, or last_event_id in the query)")
    public void stream(@Parameter(description = "A ticket from POST /api/events/ticket, instead of Authorization")
                       @QueryParam("ticket") String ticket,
                       @HeaderParam("Last-Event-ID") String lastEventId,
                       @Parameter(description = "Where to resume, for clients that cannot send Last-Event-ID")
                       @QueryParam("last_event_id") String lastEventIdParameter,
                       @Context SseEventSink sink, @Context Sse sse) {
        Long after = position(lastEventId != null ? lastEventId : lastEventIdParameter);
        Access caller = ticket != null && !ticket.isBlank() ? tickets.redeem(ticket.strip()) : access.get();
        caller.require(Permission.POSTS_READ);
        streams.open(caller, after, sink, sse);
    }

    private static Long position(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long position = Long.parseLong(text.strip());
            if (position < 0) {
                throw new NumberFormatException();
            }
            return position;
        } catch (NumberFormatException e) {
            throw new Problems.Invalid("Last-Event-ID", "must be the id of an event this stream sent (a number)");
        }
    }
}
