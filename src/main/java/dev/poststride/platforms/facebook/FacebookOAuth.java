package dev.poststride.platforms.facebook;

import static dev.poststride.platforms.OAuthHttp.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poststride.platforms.AppEndpoints;
import dev.poststride.platforms.GrantedAccount;
import dev.poststride.platforms.OAuthFailure;
import dev.poststride.platforms.PlatformApp;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformOAuth;
import dev.poststride.platforms.StoredGrant;
import dev.poststride.platforms.TokenCheck;
import dev.poststride.platforms.TokenSet;
import dev.poststride.platforms.meta.MetaLogin;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Facebook Pages: one connection per Page the user can post to, each holding that Page's access token. Page
 * tokens taken with a long-lived user token do not expire (they die on password change, role removal or app
 * removal, which publishing sees as a revoked grant), so there is nothing to refresh.
 */
@ApplicationScoped
class FacebookOAuth implements PlatformOAuth {

    private static final Logger LOG = Logger.getLogger(FacebookOAuth.class);
    /** {@code pages_manage_engagement}: first comments on the Page's posts. */
    private static final String SCOPES = "pages_show_list,pages_read_engagement,pages_manage_posts,publish_video,"
                                         + "pages_manage_engagement";
    private static final List<String> POSTING_TASKS = List.of("CREATE_CONTENT", "MANAGE");

    private final MetaLogin meta;

    private final FacebookConfig config;

    FacebookOAuth(MetaLogin meta, FacebookConfig config) {
        this.meta = meta;
        this.config = config;
    }

    @Override
    public PlatformKey platform() {
        return FacebookModule.KEY;
    }

    @Override
    public PlatformApp app() {
        return config;
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
        List<GrantedAccount> pages = new ArrayList<>();
        for (JsonNode page : meta.pages(endpoints, user.accessToken(), "id,name,access_token,tasks")) {
            String id = text(page, "id");
            String pageToken = text(page, "access_token");
            if (id == null || pageToken == null || !canPost(page.path("tasks"))) {
                LOG.infof("Facebook Page %s skipped: no page token or no CREATE_CONTENT task", id);
                continue;
            }
            pages.add(new GrantedAccount(id, text(page, "name"),
                                         new TokenSet(pageToken, null, null, null, user.scopes())));
        }
        if (pages.isEmpty()) {
            throw new OAuthFailure(OAuthFailure.Kind.REJECTED_GRANT, "no_pages",
                                   "Facebook granted no Page this account can post to");
        }
        return pages;
    }

    private static boolean canPost(JsonNode tasks) {
        if (!tasks.isArray()) {
            return true; // older API versions omit tasks; posting will tell
        }
        for (JsonNode task : tasks) {
            if (POSTING_TASKS.contains(task.asText())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public TokenCheck checkToken(AppEndpoints endpoints, String accessToken) {
        return meta.checkToken(endpoints, accessToken);
    }

    @Override
    public boolean canRefresh(boolean hasRefreshToken) {
        return false;
    }

    @Override
    public TokenSet refresh(AppEndpoints endpoints, StoredGrant grant) {
        throw new UnsupportedOperationException("Facebook Page tokens do not expire and cannot be refreshed");
    }

    /**
     * Revoking means {@code DELETE /me/permissions} with the user token, which would also end the user's other
     * Pages and Instagram accounts; the Page connection is only removed here.
     */
    @Override
    public boolean revoke(AppEndpoints endpoints, StoredGrant grant) {
        return false;
    }
}
