package dev.poststride.user;

/** The shape rules of user fields, shared by registration and profile updates. */
public final class UserRules {

    public static final int PASSWORD_MIN = 8;
    /** Generous for passphrases, small enough that hashing stays cheap to call. */
    public static final int PASSWORD_MAX = 256;
    public static final String PASSWORD_MESSAGE = "must be between 8 and 256 characters";
    public static final String USERNAME_PATTERN = "^[A-Za-z0-9_.-]{3,32}$";
    public static final String USERNAME_MESSAGE = "must be 3 to 32 letters, digits, '.', '_' or '-'";
    public static final String TIMEZONE_MESSAGE = "must be an IANA time zone id such as Europe/Paris";

    private UserRules() {
    }
}
