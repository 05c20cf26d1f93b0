package dev.poststride.platforms;

/** One account the user granted access to (a Facebook login may grant several Pages). */
public record GrantedAccount(String accountId, String accountName, TokenSet tokens) {
}
