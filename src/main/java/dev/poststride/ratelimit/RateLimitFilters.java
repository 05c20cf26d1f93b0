package dev.poststride.ratelimit;

import dev.poststride.common.Problems;
import dev.poststride.common.access.Access;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.time.Duration;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every authenticated request takes from its caller's bucket before its body is read; past the limit it is answered
 * 429 with {@code Retry-After}. Every answer to an authenticated request says where the caller stands, in the IETF
 * fields (draft-ietf-httpapi-ratelimit-headers): {@code RateLimit-Policy: "user";q=1200;w=60} and
 * {@code RateLimit: "user";r=1187;t=4}. Sign-up and sign-in have limits of their own (the login throttle).
 */
@ApplicationScoped
class RateLimitFilters {

    private static final String DECISION = RateLimitFilters.class.getName() + ".decision";

    @Inject
    SecurityIdentity identity;

    @Inject
    ApiRateLimiter limiter;

    @Inject
    RateLimitConfig config;

    @ServerRequestFilter
    public void limit(ContainerRequestContext request, ResourceInfo resource) {
        // Authentication is lazy: asking a public call's identity would authenticate its credentials (the cron's
        // trigger secret is no token), so only calls that need a caller are limited.
        if (!config.enabled() || !needsCaller(resource) || identity.isAnonymous()) {
            return;
        }
        Access access = identity.getAttribute(Access.ATTRIBUTE);
        if (access == null) {
            return;
        }
        ApiRateLimiter.Decision decision = limiter.take(access);
        request.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            throw new Problems.TooManyRequests("This " + (decision.policy().equals("key") ? "API key" : "account")
                                               + " may make " + decision.quota() + " requests per "
                                               + decision.windowSeconds() + " s here; try again in "
                                               + Math.max(1, decision.resetSeconds()) + " s.",
                                               Duration.ofSeconds(decision.resetSeconds()));
        }
    }

    private static boolean needsCaller(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        return method != null && (method.isAnnotationPresent(Authenticated.class)
                                  || resource.getResourceClass().isAnnotationPresent(Authenticated.class));
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof ApiRateLimiter.Decision decision) {
            String name = "\"" + decision.policy() + "\"";
            response.getHeaders().putSingle("RateLimit-Policy", name + ";q=" + decision.quota() + ";w="
                                                                + decision.windowSeconds());
            response.getHeaders().putSingle("RateLimit", name + ";r=" + decision.remaining() + ";t="
                                                         + decision.resetSeconds());
        }
    }
}
