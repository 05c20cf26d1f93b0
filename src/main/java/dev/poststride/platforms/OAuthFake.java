package dev.poststride.platforms;

import java.util.List;
import java.util.Map;

/**
 * The fake of a platform that speaks OAuth 2.0 by the book (form POSTs to its token endpoint):
 * its consent screen and token endpoint; the module's fake adds its API in {@link #api}.
 */
public abstract class OAuthFake implements PlatformFake {

    /** The platform, in the tokens handed out and the path prefix. */
    protected abstract PlatformKey platform();

    /** The one account the sandbox's consent screen grants. */
    protected abstract String account();

    /** How long an access token lives. */
    protected abstract long lifetimeSeconds();

    protected abstract String scopes();

    /** What the platform's token answer carries besides OAuth's fields (an account id, say). */
    protected Map<String, Object> extra() {
        return Map.of();
    }

    /** The platform's API; null for a request it has no answer to. */
    protected abstract FakeAnswer api(FakeRequest request, FakeWorld world);

    @Override
    public List<String> prefixes() {
        return List.of(platform().key());
    }

    @Override
    public FakeAnswer answer(String prefix, FakeRequest request, FakeWorld world) {
        if (request.is("GET", "/oauth/authorize")) {
            return SandboxFakes.consent(request);
        }
        if (request.is("POST", "/oauth/token")) {
            return SandboxFakes.tokens(platform().key(), request, world, account(), lifetimeSeconds(), scopes(),
                                       extra());
        }
        return api(request, world);
    }
}
