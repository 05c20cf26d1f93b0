package dev.poststride.common;

import com.fasterxml.jackson.annotation.JsonInclude;
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

    /**
     * One invalid field. {@code rule} names the broken rule where there is a catalogue of them (the platform rules of
     * a post: {@code text_limit}, {@code requires_media}, ...); absent otherwise.
     */
    @RegisterForReflection
    public record FieldError(String field, String message,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String rule) {

        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }
}
