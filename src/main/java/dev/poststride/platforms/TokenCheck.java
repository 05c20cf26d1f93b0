package dev.poststride.platforms;

/** What an identity call made with a connection's access token said of that token. */
public enum TokenCheck {
    /** The platform answered with the account: the token works. */
    ACCEPTED,
    /** The platform gave its documented answer for a dead token (revoked, expired, invalid). */
    REFUSED,
    /** Anything else (a timeout, a 5xx, an answer of another kind): it says nothing about the token. */
    UNKNOWN
}
