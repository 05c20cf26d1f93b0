package dev.poststride.common.access;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Adds the {@code X-Workspace-Id} header ({@link RequestedWorkspace}) to every operation on workspace-owned things
 * (posts, media, connections, webhooks, the event stream) in the OpenAPI document, so that generated clients offer it.
 */
public class WorkspaceHeaderDocumentation implements OASFilter {

    private static final List<String> WORKSPACE_OWNED = List.of("/api/posts", "/api/media",
                                                                "/api/platforms/connect", "/api/webhooks",
                                                                "/api/events");

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
            return;
        }
        openApi.getPaths().getPathItems().forEach((path, item) -> {
            if (WORKSPACE_OWNED.stream().anyMatch(path::startsWith)) {
                item.getOperations().values().forEach(WorkspaceHeaderDocumentation::addHeader);
            }
        });
    }

    private static void addHeader(Operation operation) {
        operation.addParameter(OASFactory.createParameter()
                .name(RequestedWorkspace.HEADER).in(Parameter.In.HEADER).required(false)
                .description("The workspace this call is about (default: your personal workspace; an API key's own"
                             + " workspace). A workspace you are not a member of answers 404.")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uuid")));
    }
}
