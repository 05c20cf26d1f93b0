package dev.poststride.common.work;

/**
 * A job a cloud cron can run on demand through {@code POST /api/internal/jobs/{name}}, for deployments that scale to
 * zero and so have no in-process timer running: the publish cycle, the webhook round, the token refresh, retention.
 * Each feature registers its own; the trigger knows them only by name.
 */
public interface InternalJob {

    /** The name in the trigger's path: lower case, words joined by '-'. */
    String name();

    /** Runs once, synchronously; what it did, as the job's report. */
    Object run();
}
