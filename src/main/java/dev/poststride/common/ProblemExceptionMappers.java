package dev.poststride.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become {@code application/problem+json}. Bodies carry no stack traces,
 * class names, SQL or secrets; unexpected failures are logged with an id that the body repeats.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e, uri);
    }

    /** The answer for {@code e}, for code that answers before an exception mapper would (request filters). */
    static Response respond(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder builder = build(new Problem(e.type(), e.title(), e.status(), e.getMessage(),
                                                             path(uri), e.errors()));
        e.headers().forEach(builder::header);
        return builder.build();
    }

    /** 400 for a body that cannot be read as what the call takes. */
    static Response malformedBody(String detail, UriInfo uri) {
        return respond(new Problems.MalformedBody(detail), uri);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .collect(Collectors.toCollection(ArrayList::new));
        return problem(new Problems.Invalid(errors), uri);
    }

    /** Named apart from its parent type because Quarkus ships a built-in mapper for exactly this type. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return respond(problem, uri); // thrown while reading, e.g. RequestBodyLimits' 413
            }
        }
        String detail = "The request body is not valid JSON for this call.";
        List<Problem.FieldError> errors = List.of();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (e instanceof NulFreeText.NulInText) {
                return problem(new Problems.Invalid(field, "must not contain the NUL character (\\u0000)"), uri);
            }
            errors = List.of(new Problem.FieldError(field, "has the wrong type or format"));
            detail = "The request body has a value of the wrong type or format.";
        }
        return respond(new Problems.MalformedBody(detail, errors), uri);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return problem(new Problems.Unauthorized("A valid access token is required."), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(new Problems.Forbidden("You may not perform this call."), uri);
    }

    /** Unknown route (404), wrong method (405), wrong content type (415), unacceptable (406), ... */
    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType info = Response.Status.fromStatusCode(status);
        String title = info != null ? info.getReasonPhrase() : "Request failed";
        String slug = title.toLowerCase().replace(' ', '-');
        Response.ResponseBuilder builder = build(new Problem(Problems.typeUri(slug), title, status,
                                                             detailFor(status), path(uri), List.of()));
        String allow = original.getHeaderString("Allow");
        if (allow != null) {
            builder.header("Allow", allow);
        }
        return builder.build();
    }

    /** A unique or foreign-key constraint that a concurrent request hit first. */
    @ServerExceptionMapper
    public Response databaseConstraint(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        if (e.getKind() == ConstraintKind.UNIQUE) {
            return problem(new Problems.Conflict("The request conflicts with an existing object."), uri);
        }
        return unexpected(e, uri);
    }

    /** A write or lock that found the row changed since it was read ({@code @Version}): someone else was faster. */
    @ServerExceptionMapper
    public Response staleCopy(jakarta.persistence.OptimisticLockException e, UriInfo uri) {
        LOG.debugf("Stale copy on %s: %s", path(uri), e.getMessage());
        return problem(new Problems.Conflict("This changed while your request was being handled; load it again and"
                                             + " retry."), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", errorId, path(uri));
        return build(new Problem(Problems.typeUri("internal"), "Internal server error", 500,
                                 "Something went wrong on our side. Error id: " + errorId + ".", path(uri),
                                 List.of())).build();
    }

    private static Response.ResponseBuilder build(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood.";
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept that method.";
            case 406 -> "This address cannot answer in the requested media type.";
            case 413 -> "The request body is too large.";
            case 415 -> "This address does not accept that content type.";
            default -> "The request failed.";
        };
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    /** {@code register.arg0.password} becomes {@code password}: clients know fields, not Java parameters. */
    private static String fieldName(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                String name = node.getName() == null ? "" : SnakeCase.of(node.getName());
                if (node.getIndex() != null) {
                    names.add(name + "[" + node.getIndex() + "]");
                } else if (!name.isEmpty()) {
                    names.add(name);
                }
            } else if (node.getKind() == ElementKind.PARAMETER) {
                names.clear();
                names.add(SnakeCase.of(node.getName()));
            }
        }
        names.removeIf(String::isEmpty);
        String field = String.join(".", names).replaceFirst("^(arg\\d+|body|request)\\.", "");
        return field.isEmpty() || field.matches("arg\\d+|request") ? "body" : field;
    }
}
