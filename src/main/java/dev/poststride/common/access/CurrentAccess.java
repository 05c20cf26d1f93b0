package dev.poststride.common.access;

import dev.poststride.common.Problems;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** The {@link Access} of the current request, as its authentication established it. */
@RequestScoped
public class CurrentAccess {

    private final SecurityIdentity identity;

    CurrentAccess(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Access get() {
        Access access = identity.getAttribute(Access.ATTRIBUTE);
        if (access == null) {
            throw new Problems.Unauthorized("A valid access token or API key is required.");
        }
        return access;
    }
}
