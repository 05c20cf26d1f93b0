package dev.poststride.platforms.linkedin;

import static dev.poststride.platforms.OAuthHttp.bearer;
import static dev.poststride.platforms.OAuthHttp.form;
import static dev.poststride.platforms.OAuthHttp.query;
import static dev.poststride.platforms.OAuthHttp.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poststride.platforms.AppEndpoints;
import dev.poststride.platforms.GrantedAccount;
import dev.poststride.platforms.OAuthFailure;
import dev.poststride.platforms.OAuthHttp;
import dev.poststride.platforms.PlatformApp;
import dev.poststride.platforms.PlatformHttp.Reply;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformOAuth;
import dev.poststride.platforms.StoredGrant;
import dev.poststride.platforms.TokenCheck;
import dev.poststride.platforms.TokenEndpointClient;
import dev.poststride.platforms.TokenSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * LinkedIn: authorization code without PKCE (server-side flow), client id and secret in the form body,
 * 60-day access tokens, refresh tokens only for approved partners (365 days from the first grant), member id
 * from OpenID Connect {@code /v2/userinfo} ({@code sub}, posts are authored as {@code urn:li:person:<sub>}). With
 * {@code platforms.linkedin.organizations}, also one connection per Company Page the member may post as, its account
 * id the organization's URN.
 */
@ApplicationScoped
class LinkedInOAuth implements PlatformOAuth {

    private static final String SCOPES = "openid profile w_member_social";
    /** With Company Pages: post as them, and list the ones the member administers. */
    private static final String ORGANIZATION_SCOPES = " w_organization_social rw_organization_admin";
    /** Page roles that may post as the organization. */
    private static final Set<String> POSTING_ROLES = Set.of("ADMINISTRATOR", "CONTENT_ADMINISTRATOR",
                                                            "DIRECT_SPONSORED_CONTENT_POSTER");

    private static final String ORGANIZATION = "urn:li:organization:";
    private static final Logger LOG = Logger.getLogger(LinkedInOAuth.class);

    private final OAuthHttp http;
    private final boolean organizations;
    private final String version;

    private final LinkedInConfig config;
    LinkedInOAuth(OAuthHttp http, LinkedInConfig config,
                  @ConfigProperty(name = LinkedInConfig.VERSION, defaultValue = LinkedInConfig.DEFAULT_VERSION)
                  String version) {
        this.http = http;
        this.config = config;
        this.organizations = config.organizations();
        this.version = version;
    }

    @Override
    public PlatformKey platform() {
        return LinkedInModule.KEY;
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
        return organizations ? SCOPES + ORGANIZATION_SCOPES : SCOPES;
    }

    /** Company Pages where configured, and always in the dev sandbox (whose member administers one). */
    private boolean withPages(AppEndpoints endpoints) {
        return organizations || endpoints.sandbox();
    }

    @Override
    public String authorizationUrl(AppEndpoints endpoints, String redirectUri, String state, String codeChallenge) {
        return query(endpoints.authorizeUrl(), "response_type", "code", "client_id", endpoints.clientId().orElseThrow(),
                     "redirect_uri", redirectUri, "state", state, "scope",
                     withPages(endpoints) ? SCOPES + ORGANIZATION_SCOPES : SCOPES);
    }

    @Override
    public List<GrantedAccount> exchange(AppEndpoints endpoints, String code, String codeVerifier, String redirectUri) {
        TokenSet tokens = tokenCall(endpoints, form("grant_type", "authorization_code", "code", code,
                                                    "redirect_uri", redirectUri));
        Reply me = http.send("LinkedIn userinfo", () -> http.client(LinkedInAccountApi.class, endpoints.apiUrl())
                .userinfo(bearer(tokens.accessToken())));
        if (!me.ok()) {
            throw http.failure("LinkedIn userinfo", me);
        }
        String sub = text(me.body(), "sub");
        if (sub == null) {
            throw new OAuthFailure(OAuthFailure.Kind.TRANSIENT, "no_sub", "LinkedIn userinfo answered without sub");
        }
        List<GrantedAccount> accounts = new ArrayList<>();
        accounts.add(new GrantedAccount(sub, text(me.body(), "name"), tokens));
        if (withPages(endpoints) && tokens.scopes() != null && tokens.scopes().contains("w_organization_social")) {
            accounts.addAll(companyPages(endpoints, tokens));
        }
        return accounts;
    }

    /**
     * The Company Pages the member may post as: one connection each, its account id the organization's URN (posts
     * are authored as it), sharing the member's tokens. A listing LinkedIn refuses leaves the member's own
     * connection; the pages can be added by connecting again.
     */
    private List<GrantedAccount> companyPages(AppEndpoints endpoints, TokenSet tokens) {
        LinkedInOrganizationsApi api = http.client(LinkedInOrganizationsApi.class, endpoints.apiUrl());
        String bearer = bearer(tokens.accessToken());
        Reply acls = http.send("LinkedIn organizationAcls", () -> api.acls(bearer, version, "roleAssignee",
                                                                             "APPROVED"));
        if (!acls.ok()) {
            LOG.warnf("LinkedIn listed no Company Pages (%s); only the member is connected",
                      http.failure("LinkedIn organizationAcls", acls).getMessage());
            return List.of();
        }
        Map<String, String> pages = new LinkedHashMap<>();
        for (JsonNode acl : acls.body().path("elements")) {
            String urn = OAuthHttp.firstNonNull(text(acl, "organization"), text(acl, "organizationTarget"));
            if (urn != null && urn.startsWith(ORGANIZATION) && POSTING_ROLES.contains(text(acl, "role"))) {
                pages.putIfAbsent(urn, null);
            }
        }
        List<GrantedAccount> granted = new ArrayList<>();
        for (String urn : pages.keySet()) {
            String id = urn.substring(ORGANIZATION.length());
            Reply organization = http.send("LinkedIn organization", () -> api.organization(bearer, version, id));
            String name = organization.ok() ? text(organization.body(), "localizedName") : null;
            granted.add(new GrantedAccount(urn, name != null ? name : "LinkedIn Page " + id, tokens));
        }
        return granted;
    }

    @Override
    public boolean canRefresh(boolean hasRefreshToken) {
        return hasRefreshToken;
    }

    @Override
    public TokenSet refresh(AppEndpoints endpoints, StoredGrant grant) {
        return tokenCall(endpoints, form("grant_type", "refresh_token", "refresh_token", grant.refreshToken()));
    }

    /** LinkedIn answers 401 (serviceErrorCode 65600 invalid, 65601 revoked, 65602 expired) for a dead token. */
    @Override
    public TokenCheck checkToken(AppEndpoints endpoints, String accessToken) {
        return http.check("LinkedIn userinfo", () -> http.client(LinkedInAccountApi.class, endpoints.apiUrl())
                .userinfo(bearer(accessToken)), reply -> reply.status() == 401);
    }

    /** LinkedIn documents no revoke endpoint for member tokens; the grant ends when the member removes the app. */
    @Override
    public boolean revoke(AppEndpoints endpoints, StoredGrant grant) {
        return false;
    }

    private TokenSet tokenCall(AppEndpoints endpoints, MultivaluedMap<String, String> body) {
        body.add("client_id", endpoints.clientId().orElseThrow());
        endpoints.clientSecret().ifPresent(secret -> body.add("client_secret", secret));
        Reply reply = http.send("LinkedIn token endpoint", () -> http.client(TokenEndpointClient.class,
                                                                              endpoints.tokenUrl()).post(null, body));
        return http.tokens("LinkedIn token endpoint", reply, requestedScopes());
    }
}
