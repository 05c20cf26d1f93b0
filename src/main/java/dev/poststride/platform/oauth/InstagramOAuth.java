package dev.poststride.platform.oauth;

import static dev.poststride.platform.oauth.OAuthHttp.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poststride.platform.PlatformEndpoints.Resolved;
import dev.poststride.platform.PlatformKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Instagram through Facebook Login: one connection per Instagram business account linked to one of the user's
 * Pages ({@code instagram_business_account}), holding the long-lived user token that Instagram publishing calls
 * use. Renewed before its ~60 days run out by exchanging it again ({@code fb_exchange_token}).
 */
@ApplicationScoped
class InstagramOAuth implements PlatformOAuth {

    /** {@code instagram_manage_comments}: first comments under published media. */
    private static final String SCOPES = "instagram_basic,instagram_content_publish,pages_show_list,"
                                         + "pages_read_engagement,instagram_manage_comments";

    private final MetaLogin meta;

    InstagramOAuth(MetaLogin meta) {
        this.meta = meta;
    }

    @Override
    public PlatformKey platform() {
        return PlatformKey.INSTAGRAM;
    }

    @Override
    public boolean usesPkce() {
        return false;
    }

    @Override
    public String requestedScopes() {
        return SCOPES;
    }

    @Override
    public String authorizationUrl(Resolved endpoints, String redirectUri, String state, String codeChallenge) {
        return meta.authorizationUrl(endpoints, redirectUri, state, SCOPES);
    }

    @Override
    public List<GrantedAccount> exchange(Resolved endpoints, String code, String codeVerifier, String redirectUri) {
        TokenSet user = meta.longLivedUserToken(endpoints, code, redirectUri, SCOPES);
        List<GrantedAccount> accounts = new ArrayList<>();
        for (JsonNode page : meta.pages(endpoints, user.accessToken(), "id,name,instagram_business_account")) {
            String igUserId = text(page.path("instagram_business_account"), "id");
            if (igUserId == null) {
                continue;
            }
            JsonNode profile = meta.node(endpoints, user.accessToken(), igUserId, "username,name");
            accounts.add(new GrantedAccount(igUserId, OAuthHttp.firstNonNull(text(profile, "username"),
                                                                             text(profile, "name")), user));
        }
        if (accounts.isEmpty()) {
            throw new OAuthFailure(OAuthFailure.Kind.REJECTED_GRANT, "no_instagram_account",
                                   "None of the granted Facebook Pages has an Instagram business account");
        }
        return accounts;
    }

    @Override
    public boolean canRefresh(boolean hasRefreshToken) {
        return true;
    }

    @Override
    public TokenSet refresh(Resolved endpoints, StoredGrant grant) {
        return meta.exchangeForLongLived(endpoints, grant.accessToken(), SCOPES);
    }

    /** As for Facebook: revoking the user token would end the user's other Meta connections too. */
    @Override
    public boolean revoke(Resolved endpoints, StoredGrant grant) {
        return false;
    }
}
