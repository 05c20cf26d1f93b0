package dev.poststride.common;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in user of the current request, from the verified access token's subject. */
@RequestScoped
public class CurrentUser {

    private final JsonWebToken token;

    CurrentUser(JsonWebToken token) {
        this.token = token;
    }

    public UUID id() {
        String subject = token.getSubject();
        if (subject == null) {
            throw new Problems.Unauthorized("A valid access token is required.");
        }
        return UUID.fromString(subject);
    }
}
