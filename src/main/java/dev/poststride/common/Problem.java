package dev.poststride.common;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error answer.
 *
 * @param errors one entry per invalid field or rule; empty when the problem is not about input
 */
// Returned inside a Response built by the mappers, where Quarkus cannot see the type for native reflection.
@RegisterForReflection
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}
