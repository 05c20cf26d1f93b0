package dev.poststride.auth;

import dev.poststride.common.Problems;
import dev.poststride.user.NewUser;
import dev.poststride.user.UserService;
import dev.poststride.user.UserView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;

/** Register, login, refresh and logout, as in the contract's Auth section. */
@ApplicationScoped
public class AuthService {

    private static final String BAD_CREDENTIALS = "The email or password is incorrect.";

    private final UserService users;
    private final SessionService sessions;
    private final LoginThrottle throttle;

    AuthService(UserService users, SessionService sessions, LoginThrottle throttle) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    @Transactional
    SessionView register(AuthRequests.Register request, String clientAddress) {
        throttle.register(clientAddress);
        UserView user = users.register(new NewUser(request.email(), request.password(), request.username(),
                                                   request.timezone()));
        return sessions.open(user);
    }

    /**
     * Not one transaction: a failed attempt must be counted even though the call then fails, and the slow
     * password check runs outside any transaction.
     */
    SessionView login(AuthRequests.Login request, String clientAddress) {
        throttle.checkAllowed(request.email(), clientAddress);
        UserView user = users.authenticate(request.email(), request.password()).orElse(null);
        if (user == null) {
            throttle.recordFailure(request.email(), clientAddress);
            throw new Problems.Unauthorized(BAD_CREDENTIALS);
        }
        throttle.recordSuccess(request.email(), clientAddress);
        return sessions.open(user);
    }

    SessionView refresh(AuthRequests.Refresh request) {
        return sessions.refresh(request.refreshToken());
    }

    void logout(UUID sessionId) {
        sessions.logout(sessionId);
    }
}
