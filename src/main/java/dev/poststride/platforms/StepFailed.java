package dev.poststride.platforms;

/**
 * Carries the outcome of a failed intermediate step (a media upload, a container) out of an adapter's step
 * sequence to its {@code publish} method, which answers it. Not an error of the service: no stack trace.
 */
public final class StepFailed extends Exception {

    private final transient Outcome outcome;

    public StepFailed(Outcome outcome) {
        super(outcome.label(), null, false, false);
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }
}
