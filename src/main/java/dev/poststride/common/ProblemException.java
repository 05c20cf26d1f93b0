package dev.poststride.common;

import java.util.List;
import java.util.Map;

/**
 * A failure that the client caused or can act on. Domain code throws one of the subclasses; the single
 * {@link ProblemExceptionMappers mapping layer} turns it into {@code application/problem+json}.
 */
public abstract class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;

    protected ProblemException(int status, String type, String title, String detail,
                               List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    /** Extra response headers, e.g. {@code Retry-After}. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
