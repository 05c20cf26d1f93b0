package dev.poststride.platforms.instagram;

import static dev.poststride.platforms.OAuthHttp.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poststride.platforms.AppEndpoints;
import dev.poststride.platforms.GrantedAccount;
import dev.poststride.platforms.OAuthFailure;
import dev.poststride.platforms.OAuthHttp;
import dev.poststride.platforms.PlatformApp;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformOAuth;
import dev.poststride.platforms.PublishingQuota;
import dev.poststride.platforms.StoredGrant;
import dev.poststride.platforms.TokenCheck;
import dev.poststride.platforms.TokenSet;
import dev.poststride.platforms.meta.MetaLogin;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Instagram through Facebook Login: one connection per Instagram business account linked to one of the user's
 * Pages ({@code instagram_business_account}), holding that Page's access token. Meta documents only the exchange of
 * a short-lived user token for a long-lived one (about 60 days), not renewing a long-lived token by exchanging it
 * again; a Page token obtained with a long-lived user token does not expire and publishes to the linked Instagram
 * account (platform-apis.md, corrections 2026-12). So nothing is renewed: when Meta invalidates the Page token
 * (password change, app removed) the connection needs the user. Connections made before this stored the user
 * token; their one "refresh" trades it, while it is still valid, for the Page token.
 */
@ApplicationScoped
class InstagramOAuth implements PlatformOAuth {

    /** {@code instagram_manage_comments}: first comments under published media. */
    private static final String SCOPES = "instagram_basic,instagram_content_publish,pages_show_list,"
                                         + "pages_read_engagement,instagram_manage_comments";

    private static final String PAGE_FIELDS = "id,name,access_token,instagram_business_account";

    private final MetaLogin meta;

    private final InstagramConfig config;

    InstagramOAuth(MetaLogin meta, InstagramConfig config) {
        this.meta = meta;
        this.config = config;
    }

    @Override
    public PlatformKey platform() {
        return InstagramModule.KEY;
    }

    @Override
    public PlatformApp app() {
        return config;
    }

    @Override
    public String flowName() {
        return "facebook_login";
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
    public String authorizationUrl(AppEndpoints endpoints, String redirectUri, String state, String codeChallenge) {
        return meta.authorizationUrl(endpoints, redirectUri, state, SCOPES);
    }

    @Override
    public List<GrantedAccount> exchange(AppEndpoints endpoints, String code, String codeVerifier, String redirectUri) {
        TokenSet user = meta.longLivedUserToken(endpoints, code, redirectUri, SCOPES);
        List<GrantedAccount> accounts = new ArrayList<>();
        for (JsonNode page : meta.pages(endpoints, user.accessToken(), PAGE_FIELDS)) {
            String igUserId = text(page.path("instagram_business_account"), "id");
            String pageToken = text(page, "access_token");
            if (igUserId == null || pageToken == null) {
                continue;
            }
            JsonNode profile = meta.node(endpoints, user.accessToken(), igUserId, "username,name");
            accounts.add(new GrantedAccount(igUserId, OAuthHttp.firstNonNull(text(profile, "username"),
                                                                             text(profile, "name")),
                                            new TokenSet(pageToken, null, null, null, user.scopes())));
        }
        if (accounts.isEmpty()) {
            throw new OAuthFailure(OAuthFailure.Kind.REJECTED_GRANT, "no_instagram_account",
                                   "None of the granted Facebook Pages has an Instagram business account");
        }
        return accounts;
    }

    /** Only a connection that still holds a user token (made before Page tokens) has something to renew. */
    @Override
    public TokenCheck checkToken(AppEndpoints endpoints, String accessToken) {
        return meta.checkToken(endpoints, accessToken);
    }

    @Override
    public boolean canRefresh(boolean hasRefreshToken) {
        return true;
    }

    /**
     * A connection that holds an expiring user token trades it for the Page token of the Page linked to its
     * Instagram account, which does not expire. A Page token is never renewed.
     */
    @Override
    public TokenSet refresh(AppEndpoints endpoints, StoredGrant grant) {
        for (JsonNode page : meta.pages(endpoints, grant.accessToken(), PAGE_FIELDS)) {
            String pageToken = text(page, "access_token");
            if (grant.accountId().equals(text(page.path("instagram_business_account"), "id")) && pageToken != null) {
                return new TokenSet(pageToken, null, null, null, null);
            }
        }
        throw new OAuthFailure(OAuthFailure.Kind.REJECTED_GRANT, "page_not_granted", "The Facebook Page linked to"
                                                                                     + " this Instagram account is no"
                                                                                     + " longer granted");
    }

    @Override
    public Optional<PublishingQuota> publishingQuota(AppEndpoints endpoints, String accessToken, String accountId) {
        return meta.publishingLimit(endpoints, accessToken, accountId);
    }

    /** As for Facebook: revoking the user token would end the user's other Meta connections too. */
    @Override
    public boolean revoke(AppEndpoints endpoints, StoredGrant grant) {
        return false;
    }
}
