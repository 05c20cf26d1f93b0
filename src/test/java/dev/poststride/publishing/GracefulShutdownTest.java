package dev.poststride.publishing;

import dev.poststride.common.InstanceIdentity;
import static dev.poststride.support.Sql.exec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.support.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GracefulShutdownTest {

    @Inject
    GracefulShutdown shutdown;

    @Inject
    InstanceIdentity instance;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shutdownGivesBackOnlyThisInstancesLeases() throws SQLException {
        Instant future = Instant.now().plusSeconds(600);
        try (Connection c = dataSource.getConnection()) {
            UUID user = Sql.insertUser(c, "lease-" + UUID.randomUUID() + "@example.com");
            UUID workspace = Sql.personalWorkspace(c, user);
            UUID connection = Sql.insertConnection(c, user, "x");
            UUID post = UUID.randomUUID();
            exec(c, "insert into posts (id, workspace_id, content, status, created_at, updated_at)"
                    + " values (?, ?, 'hi', 'publishing', now(), now())", post, workspace);
            UUID mine = UUID.randomUUID();
            UUID theirs = UUID.randomUUID();
            UUID otherConnection = Sql.insertConnection(c, user, "linkedin");
            String target = "insert into post_platforms (id, post_id, user_platform_id, status, lease_owner,"
                    + " lease_expires_at, created_at, updated_at) values (?, ?, ?, 'publishing', ?, ?, now(), now())";
            exec(c, target, mine, post, connection, instance.id(), Timestamp.from(future));
            exec(c, target, theirs, post, otherConnection, "instance-other", Timestamp.from(future));

            assertThat(shutdown.releaseLeases()).isEqualTo(1);

            assertThat(leaseExpiry(c, mine)).isBefore(Instant.now().plusSeconds(1));
            assertThat(leaseExpiry(c, theirs)).isAfter(Instant.now().plusSeconds(500));
            exec(c, "delete from users where id = ?", user);
        }
    }

    private static Instant leaseExpiry(Connection c, UUID target) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select lease_expires_at from post_platforms where id = ?")) {
            s.setObject(1, target);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

}
