package dev.poststride.workspace;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** The default {@link InvitationSender}: a log line saying who was invited where — never the token, a secret. */
@ApplicationScoped
@DefaultBean
class LoggingInvitationSender implements InvitationSender {

    private static final Logger LOG = Logger.getLogger(LoggingInvitationSender.class);

    @Override
    public void send(InvitationView invitation, String token, String workspaceName) {
        LOG.infof("Invitation %s to workspace '%s' as %s created; its token was shown to the inviter to pass on",
                  invitation.id(), workspaceName, invitation.role());
    }
}
