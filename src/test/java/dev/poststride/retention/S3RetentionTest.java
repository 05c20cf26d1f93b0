package dev.poststride.retention;

import static dev.poststride.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.support.Api;
import dev.poststride.support.BucketStorage;
import dev.poststride.support.MovableClock;
import dev.poststride.support.S3Server;
import dev.poststride.support.TestFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * In a bucket, the retention job removes what an interrupted upload left: objects no media item refers to and
 * multipart uploads never completed (whose parts S3 would otherwise keep, and bill, for ever).
 */
@QuarkusTest
@TestProfile(BucketStorage.class)
class S3RetentionTest {

    @Inject
    RetentionJob job;

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void orphanedObjectsAndAbandonedMultipartUploadsGoOnceOldAndRealMediaStays() {
        Api.Account user = Api.register();
        String kept = as(user).multiPart("file", "kept.png", TestFiles.png(4, 4), "image/png").post("/api/media")
                .then().statusCode(201).extract().path("id");
        String orphan = user.workspaceId() + "/" + UUID.randomUUID();
        String abandoned = user.workspaceId() + "/" + UUID.randomUUID();
        try (S3Client s3 = S3Server.client()) {
            s3.putObject(r -> r.bucket(S3Server.BUCKET).key(orphan), RequestBody.fromBytes(TestFiles.png(3, 3)));
            String uploadId = s3.createMultipartUpload(r -> r.bucket(S3Server.BUCKET).key(abandoned)).uploadId();
            s3.uploadPart(r -> r.bucket(S3Server.BUCKET).key(abandoned).uploadId(uploadId).partNumber(1),
                          RequestBody.fromBytes(new byte[1024]));

            job.run();
            assertThat(keys(s3, user)).contains(orphan);
            assertThat(s3.listMultipartUploads(r -> r.bucket(S3Server.BUCKET)).uploads()).isNotEmpty();

            clock.advance(Duration.ofMinutes(61));
            assertThat(job.run().get("orphaned_media_files")).isGreaterThanOrEqualTo(1);
            assertThat(keys(s3, user)).containsExactly(user.workspaceId() + "/" + kept);
            assertThat(s3.listMultipartUploads(r -> r.bucket(S3Server.BUCKET)).uploads()).isEmpty();
        }
        as(user).get("/api/media/" + kept + "/content").then().statusCode(200);
    }

    private static java.util.List<String> keys(S3Client s3, Api.Account user) {
        return s3.listObjectsV2(r -> r.bucket(S3Server.BUCKET).prefix(user.workspaceId() + "/")).contents().stream()
                .map(S3Object::key).toList();
    }
}
