package dev.poststride.workspace;

/**
 * Delivers an invitation to its invitee. Post Stride needs no mail server: the inviter is shown the token once and
 * passes it on ({@link LoggingInvitationSender} only records that an invitation exists). A deployment that sends
 * mail provides its own bean of this interface.
 */
public interface InvitationSender {

    void send(InvitationView invitation, String token, String workspaceName);
}
