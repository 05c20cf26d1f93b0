package dev.poststride.user;

import dev.poststride.common.Problem.FieldError;
import dev.poststride.common.Problems;
import dev.poststride.common.Throttle;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

@ApplicationScoped
public class UserService {

    private static final Logger LOG = Logger.getLogger(UserService.class);

    private final PasswordHasher passwords;
    private final Event<UserRegistered> registered;
    private final Event<PasswordChanged> passwordChanged;
    private final Event<AccountClosing> accountClosing;
    private final Event<AccountExport> accountExport;
    private final Throttle throttle;
    private final Throttle.Limit passwordChecks;
    private final Clock clock;

    UserService(PasswordHasher passwords, Event<UserRegistered> registered, Event<PasswordChanged> passwordChanged,
                Event<AccountClosing> accountClosing, Event<AccountExport> accountExport, Throttle throttle,
                @ConfigProperty(name = "poststride.auth.throttle.max-password-checks") int maxPasswordChecks,
                @ConfigProperty(name = "poststride.auth.throttle.window") Duration window,
                @ConfigProperty(name = "poststride.auth.throttle.block") Duration block, Clock clock) {
        this.passwords = passwords;
        this.registered = registered;
        this.passwordChanged = passwordChanged;
        this.accountClosing = accountClosing;
        this.accountExport = accountExport;
        this.throttle = throttle;
        this.passwordChecks = new Throttle.Limit(maxPasswordChecks, window, block);
        this.clock = clock;
    }

    /**
     * Whether {@code password} is the user's, for changes made with a signed-in session: wrong guesses are counted
     * per account, so a stolen access token cannot be used to find the password (429 past the limit).
     */
    private boolean currentPasswordMatches(User user, String password) {
        String key = "password:" + user.id;
        throttle.checkAllowed(List.of(key), "Too many wrong passwords for this account. Try again later.");
        if (passwords.matches(password, user.passwordHash)) {
            return true;
        }
        throttle.record(key, passwordChecks);
        return false;
    }

    /**
     * Deletes the account and everything it owns: the platforms' grants are revoked where they allow it, media bytes
     * removed, then the user's rows (posts, targets, attempts, connections, media, sessions) go in one transaction,
     * which ends every session. 422 for a wrong password; 409 while one of its posts is being published.
     */
    public void close(UUID id, String password) {
        User user = QuarkusTransaction.requiringNew().call(() -> User.<User>findByIdOptional(id))
                .orElseThrow(() -> new Problems.NotFound("The user"));
        if (!currentPasswordMatches(user, password)) {
            throw new Problems.Invalid("password", "is not the current password");
        }
        accountClosing.fire(new AccountClosing(id));
        QuarkusTransaction.requiringNew().run(() -> User.deleteById(id));
        LOG.infof("User %s deleted their account", id);
    }

    /** Everything stored about the user, by section; never a token, password hash or key. */
    public Map<String, Object> export(UUID id) {
        UserView user = find(id).orElseThrow(() -> new Problems.NotFound("The user"));
        AccountExport export = new AccountExport(id);
        accountExport.fire(export);
        Map<String, Object> everything = new LinkedHashMap<>();
        everything.put("exported_at", clock.instant());
        everything.put("user", user);
        everything.putAll(export.sections());
        return everything;
    }

    @Transactional
    public UserView register(NewUser request) {
        String email = normalizeEmail(request.email());
        String timezone = request.timezone() == null ? "UTC" : request.timezone();
        List<FieldError> errors = new ArrayList<>();
        if (!Timezones.isIanaZone(timezone)) {
            errors.add(new FieldError("timezone", UserRules.TIMEZONE_MESSAGE));
        }
        if (!errors.isEmpty()) {
            throw new Problems.Invalid(errors);
        }
        if (User.emailTaken(email, new UUID(0, 0))) {
            throw new Problems.Conflict("An account with this email already exists.",
                                        List.of(new FieldError("email", "is already registered")));
        }
        if (request.username() != null && User.usernameTaken(request.username(), new UUID(0, 0))) {
            throw new Problems.Conflict("This username is taken.",
                                        List.of(new FieldError("username", "is already taken")));
        }
        Instant now = clock.instant();
        User user = new User();
        user.id = UUID.randomUUID();
        user.email = email;
        user.username = request.username();
        user.passwordHash = passwords.hash(request.password());
        user.timezone = timezone;
        user.createdAt = now;
        user.updatedAt = now;
        user.persistAndFlush();
        registered.fire(new UserRegistered(user.id, user.email, user.username));
        return UserView.of(user);
    }

    /**
     * The user with this email and password, or empty. Costs the same time whether or not the email exists,
     * so the answer does not tell which of the two was wrong. No transaction: the slow hash check holds no
     * database connection.
     */
    public Optional<UserView> authenticate(String email, String password) {
        Optional<User> user = User.findByEmail(normalizeEmail(email));
        if (user.isEmpty()) {
            passwords.verifyDecoy(password);
            return Optional.empty();
        }
        return passwords.matches(password, user.get().passwordHash) ? user.map(UserView::of) : Optional.empty();
    }

    @Transactional
    public Optional<UserView> find(UUID id) {
        return User.<User>findByIdOptional(id).map(UserView::of);
    }

    @Transactional
    public UserView update(UUID id, UpdateProfileRequest request) {
        User user = User.<User>findByIdOptional(id).orElseThrow(() -> new Problems.NotFound("The user"));
        List<FieldError> errors = new ArrayList<>();
        String newEmail = request.email() == null ? null : normalizeEmail(request.email());
        boolean emailChanges = newEmail != null && !newEmail.equalsIgnoreCase(user.email);
        boolean passwordChanges = request.newPassword() != null;
        if (request.timezone() != null && !Timezones.isIanaZone(request.timezone())) {
            errors.add(new FieldError("timezone", UserRules.TIMEZONE_MESSAGE));
        }
        if ((emailChanges || passwordChanges)) {
            if (request.currentPassword() == null) {
                errors.add(new FieldError("current_password", "is required to change email or password"));
            } else if (!currentPasswordMatches(user, request.currentPassword())) {
                errors.add(new FieldError("current_password", "is not the current password"));
            }
        }
        if (!errors.isEmpty()) {
            throw new Problems.Invalid(errors);
        }
        if (emailChanges && User.emailTaken(newEmail, user.id)) {
            throw new Problems.Conflict("An account with this email already exists.",
                                        List.of(new FieldError("email", "is already registered")));
        }
        if (request.username() != null && User.usernameTaken(request.username(), user.id)) {
            throw new Problems.Conflict("This username is taken.",
                                        List.of(new FieldError("username", "is already taken")));
        }
        if (newEmail != null) {
            user.email = newEmail;
        }
        if (request.username() != null) {
            user.username = request.username();
        }
        if (request.timezone() != null) {
            user.timezone = request.timezone();
        }
        if (passwordChanges) {
            user.passwordHash = passwords.hash(request.newPassword());
            passwordChanged.fire(new PasswordChanged(user.id));
        }
        user.updatedAt = clock.instant();
        user.flush();
        return UserView.of(user);
    }

    /** Emails keep the case the user typed; only surrounding blanks are dropped. Lookups ignore case. */
    private static String normalizeEmail(String email) {
        return email == null ? null : email.strip();
    }

}
