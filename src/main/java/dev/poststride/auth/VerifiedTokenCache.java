package dev.poststride.auth;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers access tokens whose signature and claims were verified already, until they expire, so a client that
 * sends the same token on every request pays for the RS256 verification once instead of on every call (a JFR
 * profile under `scripts/bench.sh` scenario 2 put it at a quarter of the post listing's samples). Only what cannot
 * change is remembered: the same bytes verify the same way until {@code exp}, which is checked again on every hit.
 * Whether the token's session is still live is not remembered: {@link ActiveSessionAugmentor} asks the database on
 * every request, so a logout or a password change still ends the token at once, on every instance.
 */
@Decorator
@Priority(1)
abstract class VerifiedTokenCache implements JWTParser {

    @Inject
    @Delegate
    @Any
    JWTParser delegate;

    @Inject
    VerifiedTokens verified;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return verified.get(token, delegate::parse);
    }
}
