package dev.poststride.post;

import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.poststride.support.Api;
import dev.poststride.support.Sql;
import dev.poststride.support.TestFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Writing and scheduling posts: time, status, each platform's rules, ownership, listing and idempotency. */
@QuarkusTest
class PostTest {

    static final String SOON = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

    /** A user with one connected account on each platform. */
    record Manager(Api.Account account, Map<String, String> connections) {
        String on(String platform) {
            return connections.get(platform);
        }
    }

    static Manager manager() throws Exception {
        Api.Account account = Api.register();
        Map<String, String> connections = new HashMap<>();
        try (Connection c = Sql.connect()) {
            for (String platform : List.of("x", "linkedin", "instagram", "facebook", "tiktok")) {
                connections.put(platform, Sql.insertConnection(c, UUID.fromString(account.userId()), platform).toString());
            }
        }
        return new Manager(account, connections);
    }

    static Map<String, Object> body(String content, String scheduledAt, List<String> connections, List<String> media) {
        Map<String, Object> body = new HashMap<>();
        body.put("content", content);
        if (scheduledAt != null) {
            body.put("scheduled_at", scheduledAt);
        }
        List<Map<String, Object>> targets = new ArrayList<>();
        connections.forEach(id -> targets.add(Map.of("connection_id", id)));
        body.put("targets", targets);
        body.put("media_ids", media);
        return body;
    }

    static ValidatableResponse create(Api.Account user, Object body) {
        return as(user).contentType(ContentType.JSON).body(body).post("/api/posts").then();
    }

    static String upload(Api.Account user, byte[] bytes, String name) {
        return as(user).multiPart("file", name, bytes, "application/octet-stream").post("/api/media").then()
                .statusCode(201).extract().path("id");
    }

    @Test
    void aScheduledPostHasOnePendingTargetPerAccountAndItsMediaInOrder() throws Exception {
        Manager m = manager();
        String first = upload(m.account(), TestFiles.jpeg(30, 20), "a.jpg");
        String second = upload(m.account(), TestFiles.jpeg(20, 30), "b.jpg");
        Map<String, Object> body = body("Hello from Post Stride", SOON, List.of(m.on("x"), m.on("linkedin")),
                                        List.of(second, first));
        ((List<Map<String, Object>>) body.get("targets")).set(1, Map.of("connection_id", m.on("linkedin"),
                                                                        "content", "A longer LinkedIn version"));

        var created = create(m.account(), body).statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/posts/"))
                .body("status", equalTo("scheduled"))
                .body("content", equalTo("Hello from Post Stride"))
                .body("scheduled_at", equalTo(SOON))
                .body("published_at", nullValue())
                .body("targets", hasSize(2))
                .body("targets.platform", contains("x", "linkedin"))
                .body("targets.status", contains("pending", "pending"))
                .body("targets.content", contains(null, "A longer LinkedIn version"))
                .body("targets.next_attempt_at", contains(SOON, SOON))
                .body("targets.attempts", contains(0, 0))
                .body("targets.last_error", contains(null, null))
                .body("media.id", contains(second, first))
                .body("media.position", contains(0, 1))
                .extract();
        String id = created.path("id");
        as(m.account()).get("/api/posts/" + id).then().statusCode(200)
                .body("targets.connection_id", contains(m.on("x"), m.on("linkedin")))
                .body("media.id", contains(second, first));
    }

    @Test
    void aWallClockTimeIsReadInTheUsersTimezoneAndDstIsHandled() throws Exception {
        Manager m = manager();
        as(m.account()).contentType(ContentType.JSON).body(Map.of("timezone", "Europe/Berlin"))
                .put("/api/users/me").then().statusCode(200);
        int year = java.time.Year.now().getValue() + 1;

        create(m.account(), body("winter", year + "-12-01T09:00", List.of(m.on("x")), List.of())).statusCode(201)
                .body("scheduled_at", equalTo(year + "-12-01T08:00:00Z"));
        create(m.account(), body("with offset", year + "-12-01T09:00:00-05:00", List.of(m.on("x")), List.of()))
                .statusCode(201).body("scheduled_at", equalTo(year + "-12-01T14:00:00Z"));
        // Clocks go from 02:00 to 03:00 on the last Sunday of March: 02:30 does not exist.
        String springForward = java.time.LocalDate.of(year, 3, 31)
                .with(java.time.temporal.TemporalAdjusters.lastInMonth(java.time.DayOfWeek.SUNDAY)) + "T02:30";
        problem(create(m.account(), body("gap", springForward, List.of(m.on("x")), List.of())), 422)
                .body("errors[0].field", equalTo("scheduled_at"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("does not exist in Europe/Berlin"));
        // Clocks go back from 03:00 to 02:00 on the last Sunday of October: 02:30 happens twice; the earlier is
        // 02:30+02:00.
        String fallBack = java.time.LocalDate.of(year, 10, 31)
                .with(java.time.temporal.TemporalAdjusters.lastInMonth(java.time.DayOfWeek.SUNDAY)) + "T02:30";
        create(m.account(), body("overlap", fallBack, List.of(m.on("x")), List.of())).statusCode(201)
                .body("scheduled_at", equalTo(fallBack.substring(0, 10) + "T00:30:00Z"));
    }

    @Test
    void statusIsTheServersAndSchedulingNeedsAFutureTimeAndATarget() throws Exception {
        Manager m = manager();
        Map<String, Object> published = body("hi", SOON, List.of(m.on("x")), List.of());
        published.put("status", "published");
        problem(create(m.account(), published), 422).body("errors.field", contains("status"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("set by the server"));
        Map<String, Object> weird = body("hi", SOON, List.of(m.on("x")), List.of());
        weird.put("status", "someday");
        problem(create(m.account(), weird), 422).body("errors.field", contains("status"));

        problem(create(m.account(), body("hi", Instant.now().minusSeconds(60).toString(), List.of(m.on("x")),
                                         List.of())), 422)
                .body("errors.field", contains("scheduled_at"))
                .body("errors[0].message", equalTo("must be in the future"));
        problem(create(m.account(), body("hi", SOON, List.of(), List.of())), 422).body("errors.field", contains("targets"));
        problem(create(m.account(), body("hi", "next tuesday", List.of(m.on("x")), List.of())), 422)
                .body("errors.field", contains("scheduled_at"));
        Map<String, Object> scheduledWithoutTime = body("hi", null, List.of(m.on("x")), List.of());
        scheduledWithoutTime.put("status", "scheduled");
        problem(create(m.account(), scheduledWithoutTime), 422).body("errors.field", contains("scheduled_at"));

        create(m.account(), body("a draft needs nothing more", null, List.of(), List.of())).statusCode(201)
                .body("status", equalTo("draft")).body("scheduled_at", nullValue());
    }

    static ValidatableResponse validate(Api.Account user, Object body) {
        return as(user).contentType(ContentType.JSON).body(body).post("/api/posts/validate").then();
    }

    @Test
    void aDryRunAnswersWhatWouldBePublishedAndStoresNothing() throws Exception {
        Manager m = manager();
        String text = "Launch day https://example.com/a-very-long-link-that-counts-as-twenty-three 🎉";
        Map<String, Object> body = body(text, SOON, List.of(m.on("x"), m.on("linkedin")), List.of());

        validate(m.account(), body).statusCode(200)
                .body("valid", equalTo(true))
                .body("status", equalTo("scheduled"))
                .body("errors", hasSize(0))
                .body("targets.platform", contains("x", "linkedin"))
                .body("targets[0].content", equalTo(text))
                // X: "Launch day " 11, the link 23, a space 1, the emoji 2.
                .body("targets[0].length", equalTo(11 + 23 + 1 + 2))
                .body("targets[0].text_limit", equalTo(280))
                .body("targets[0].text_counting", equalTo("weighted"))
                .body("targets[1].length", equalTo(text.codePointCount(0, text.length())))
                .body("targets[1].errors", hasSize(0));

        as(m.account()).get("/api/posts").then().statusCode(200).body("total_items", equalTo(0));
    }

    @Test
    void aDryRunListsTheSameBrokenRulesAsSavingWouldPerTarget() throws Exception {
        Manager m = manager();
        Map<String, Object> body = body("x".repeat(300), SOON, List.of(m.on("x"), m.on("instagram")), List.of());
        List<Map<String, String>> refused = create(m.account(), body).statusCode(422).extract().path("errors");

        validate(m.account(), body).statusCode(200)
                .body("valid", equalTo(false))
                .body("errors", equalTo(refused))
                .body("targets[0].errors.rule", contains("text_limit"))
                .body("targets[1].errors.rule", contains("requires_media"));
        // Another workspace's connection is named as an error, and nothing about it is answered.
        Manager other = manager();
        validate(m.account(), body("hi", SOON, List.of(other.on("x")), List.of())).statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].field", equalTo("targets[0].connection_id"))
                .body("targets", hasSize(0));
        as(m.account()).get("/api/posts").then().statusCode(200).body("total_items", equalTo(0));
    }

    @Test
    void everyPlatformRuleIsCheckedAndAllViolationsComeBackAtOnce() throws Exception {
        Manager m = manager();
        String png = upload(m.account(), TestFiles.png(10, 10), "p.png");
        String video = upload(m.account(), TestFiles.mp4(5_000), "v.mp4");
        String cjk = "漢".repeat(141); // 282 weighted characters on X, 141 characters elsewhere

        Map<String, Object> body = body(cjk, SOON, List.of(m.on("x"), m.on("instagram"), m.on("linkedin"),
                                                          m.on("tiktok")), List.of(png, video));
        problem(create(m.account(), body), 422)
                .body("errors.field", containsInAnyOrder("targets[0].content", "targets[0].media",
                                                         "targets[2].media", "targets[3].media",
                                                         "targets[3].options.privacy_level"))
                .body("errors.rule", containsInAnyOrder("text_limit", "mixed_media", "mixed_media", "mixed_media",
                                                        "option_required"))
                .body("errors.find { it.field == 'targets[0].content' }.message",
                      equalTo("X allows 280 weighted characters (links count 23, emoji and CJK count 2); this text has 282."));
        // The PNG is no error on Instagram or TikTok, which take JPEG: they are sent a converted copy (MediaFitTest).
    }

    @Test
    void textLimitsCountTheWayEachPlatformCounts() throws Exception {
        Manager m = manager();
        String url = "https://example.com/" + "a".repeat(80);
        create(m.account(), body("b".repeat(256) + " " + url, SOON, List.of(m.on("x")), List.of())).statusCode(201);
        problem(create(m.account(), body("b".repeat(257) + " " + url, SOON, List.of(m.on("x")), List.of())), 422)
                .body("errors[0].message", org.hamcrest.Matchers.endsWith("this text has 281."));
        create(m.account(), body("😀".repeat(140), SOON, List.of(m.on("x")), List.of())).statusCode(201);
        problem(create(m.account(), body("👍🏽".repeat(141), SOON, List.of(m.on("x")), List.of())), 422)
                .body("errors[0].message", org.hamcrest.Matchers.endsWith("this text has 282."));

        create(m.account(), body("c".repeat(3000), SOON, List.of(m.on("linkedin")), List.of())).statusCode(201);
        problem(create(m.account(), body("c".repeat(3001), SOON, List.of(m.on("linkedin")), List.of())), 422)
                .body("errors[0].field", equalTo("targets[0].content")).body("errors[0].rule", equalTo("text_limit"));

        Map<String, Object> override = body("short", SOON, List.of(m.on("x")), List.of());
        override.put("targets", List.of(Map.of("connection_id", m.on("x"), "content", "d".repeat(281))));
        problem(create(m.account(), override), 422).body("errors[0].field", equalTo("targets[0].content"));
    }

    @Test
    void mediaRulesFollowEachPlatform() throws Exception {
        Manager m = manager();
        List<String> fiveJpegs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fiveJpegs.add(upload(m.account(), TestFiles.jpeg(8 + i, 8), "j" + i + ".jpg"));
        }
        String gif1 = upload(m.account(), TestFiles.gif(5, 5), "1.gif");
        String gif2 = upload(m.account(), TestFiles.gif(6, 5), "2.gif");

        problem(create(m.account(), body("five", SOON, List.of(m.on("x")), fiveJpegs)), 422)
                .body("errors.rule", contains("max_images"));
        create(m.account(), body("four", SOON, List.of(m.on("x")), fiveJpegs.subList(0, 4))).statusCode(201);
        problem(create(m.account(), body("two gifs", SOON, List.of(m.on("x")), List.of(gif1, gif2))), 422)
                .body("errors.rule", org.hamcrest.Matchers.hasItem("one_gif"));
        problem(create(m.account(), body("gif on insta", SOON, List.of(m.on("instagram")), List.of(gif1))), 422)
                .body("errors.rule", org.hamcrest.Matchers.hasItem("gif_not_supported"));
        problem(create(m.account(), body("text only", SOON, List.of(m.on("instagram"), m.on("tiktok")), List.of())), 422)
                .body("errors.field", contains("targets[0].media", "targets[1].options.privacy_level",
                                               "targets[1].media"))
                .body("errors.rule", contains("requires_media", "option_required", "requires_media"));
        create(m.account(), body("carousel", SOON, List.of(m.on("instagram")), fiveJpegs)).statusCode(201);
        String pdf = upload(m.account(), "%PDF-1.7\n%fake but recognised\n".getBytes(), "doc.pdf");
        problem(create(m.account(), body("a document", SOON, List.of(m.on("facebook")), List.of(pdf))), 422)
                .body("errors.rule", contains("unsupported_media"));
        // LinkedIn takes one PDF as a document post, alone.
        create(m.account(), body("a document", SOON, List.of(m.on("linkedin")), List.of(pdf))).statusCode(201);
        String jpeg = upload(m.account(), TestFiles.jpeg(8, 8), "with.jpg");
        problem(create(m.account(), body("a document and a photo", SOON, List.of(m.on("linkedin")),
                                         List.of(pdf, jpeg))), 422)
                .body("errors.rule", contains("one_document"));
    }

    @Test
    void videosAreCheckedAgainstEachPlatformsPublishedCodecFrameRateAndSize() throws Exception {
        Manager m = manager();
        String fast = upload(m.account(), TestFiles.mp4Video(5_000, "vp09", 200, 200, 120), "fast.mp4");
        String wide = upload(m.account(), TestFiles.mp4Video(5_000, "avc1", 3840, 1000, 30), "wide.mp4");
        String fine = upload(m.account(), TestFiles.mp4Video(5_000, "avc1", 1080, 1920, 29.97), "fine.mp4");

        problem(create(m.account(), body("fast", SOON, List.of(m.on("x"), m.on("instagram")), List.of(fast))), 422)
                .body("errors.rule", containsInAnyOrder("video_codec", "frame_rate", "video_codec", "frame_rate"))
                .body("errors.find { it.rule == 'video_codec' }.message",
                      org.hamcrest.Matchers.containsString("fast.mp4 is vp09"));
        problem(create(m.account(), body("wide", SOON, List.of(m.on("x"), m.on("instagram")), List.of(wide))), 422)
                .body("errors.rule", containsInAnyOrder("video_aspect", "video_resolution"));
        create(m.account(), body("fine", SOON, List.of(m.on("x"), m.on("instagram"), m.on("linkedin")),
                                 List.of(fine))).statusCode(201);
    }

    @Test
    void anotherUsersConnectionOrMediaCannotBeAttached() throws Exception {
        Manager mine = manager();
        Manager theirs = manager();
        String theirMedia = upload(theirs.account(), TestFiles.png(4, 4), "t.png");

        problem(create(mine.account(), body("hi", SOON, List.of(theirs.on("x")), List.of())), 422)
                .body("errors.field", contains("targets[0].connection_id"))
                .body("errors[0].message", equalTo("is not a connection of this workspace"));
        problem(create(mine.account(), body("hi", null, List.of(UUID.randomUUID().toString()), List.of())), 422)
                .body("errors[0].message", equalTo("is not a connection of this workspace"));
        problem(create(mine.account(), body("hi", SOON, List.of(mine.on("x")), List.of(theirMedia))), 422)
                .body("errors.field", contains("media_ids[0]"))
                .body("errors[0].message", equalTo("is not a media item of this workspace"));
        problem(create(mine.account(), body("hi", SOON, List.of(mine.on("x"), mine.on("x")), List.of())), 422)
                .body("errors.field", contains("targets[1].connection_id"));
        as(mine.account()).get("/api/posts").then().body("total_items", equalTo(0));
    }

    @Test
    void anotherUsersPostIs404ForEveryCallAndStaysUnchanged() throws Exception {
        Manager owner = manager();
        Manager other = manager();
        String id = create(owner.account(), body("mine", SOON, List.of(owner.on("x")), List.of())).statusCode(201)
                .extract().path("id");
        String target = as(owner.account()).get("/api/posts/" + id).then().extract().path("targets[0].id");

        problem(as(other.account()).get("/api/posts/" + id).then(), 404);
        problem(as(other.account()).contentType(ContentType.JSON)
                        .body(body("stolen", SOON, List.of(other.on("x")), List.of())).put("/api/posts/" + id).then(), 404);
        problem(as(other.account()).delete("/api/posts/" + id).then(), 404);
        problem(as(other.account()).post("/api/posts/" + id + "/cancel").then(), 404);
        problem(as(other.account()).post("/api/posts/" + id + "/targets/" + target + "/retry").then(), 404);
        problem(as(other.account()).get("/api/posts/" + id + "/targets/" + target + "/attempts").then(), 404);

        as(owner.account()).get("/api/posts/" + id).then().statusCode(200)
                .body("content", equalTo("mine")).body("status", equalTo("scheduled"))
                .body("targets[0].status", equalTo("pending"));
        problem(given().get("/api/posts/" + id).then(), 401);
    }

    @Test
    void editingReplacesThePostUntilPublishingStarts() throws Exception {
        Manager m = manager();
        String id = create(m.account(), body("v1", SOON, List.of(m.on("x"), m.on("linkedin")), List.of()))
                .statusCode(201).extract().path("id");
        String xTarget = as(m.account()).get("/api/posts/" + id).then().extract().path("targets[0].id");

        as(m.account()).contentType(ContentType.JSON)
                .body(body("v2", SOON, List.of(m.on("x"), m.on("facebook")), List.of())).put("/api/posts/" + id)
                .then().statusCode(200)
                .body("content", equalTo("v2"))
                .body("targets.platform", contains("x", "facebook"))
                .body("targets[0].id", equalTo(xTarget));

        setTargetStatus(xTarget, "published");
        problem(as(m.account()).contentType(ContentType.JSON)
                        .body(body("v3", SOON, List.of(m.on("x")), List.of())).put("/api/posts/" + id).then(), 409);
        setTargetStatus(xTarget, "publishing");
        problem(as(m.account()).delete("/api/posts/" + id).then(), 409);
        as(m.account()).get("/api/posts/" + id).then().body("content", equalTo("v2"));

        setTargetStatus(xTarget, "failed");
        as(m.account()).delete("/api/posts/" + id).then().statusCode(204);
        problem(as(m.account()).get("/api/posts/" + id).then(), 404);
    }

    @Test
    void cancellingStopsWaitingTargetsOnce() throws Exception {
        Manager m = manager();
        String id = create(m.account(), body("cancel me", SOON, List.of(m.on("x"), m.on("linkedin")), List.of()))
                .statusCode(201).extract().path("id");
        as(m.account()).post("/api/posts/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("targets.status", contains("cancelled", "cancelled"))
                .body("targets.next_attempt_at", contains(null, null));
        problem(as(m.account()).post("/api/posts/" + id + "/cancel").then(), 409);
    }

    @Test
    void onlyAFailedTargetCanBeRetriedAndItIsDueAtOnce() throws Exception {
        Manager m = manager();
        String id = create(m.account(), body("retry me", SOON, List.of(m.on("x"), m.on("linkedin")), List.of()))
                .statusCode(201).extract().path("id");
        List<String> targets = as(m.account()).get("/api/posts/" + id).then().extract().path("targets.id");
        problem(as(m.account()).post("/api/posts/" + id + "/targets/" + targets.get(0) + "/retry").then(), 409);

        try (Connection c = Sql.connect()) {
            Sql.exec(c, "update post_platforms set status = 'failed', attempts = 5, last_error_code = 'http_500',"
                        + " last_error_message = 'X answered 500', last_error_retryable = true where id = ?",
                     UUID.fromString(targets.get(0)));
            Sql.exec(c, "update post_platforms set status = 'published', platform_post_id = '1', published_at = now()"
                        + " where id = ?", UUID.fromString(targets.get(1)));
            Sql.exec(c, "update posts set status = 'partially_published' where id = ?", UUID.fromString(id));
        }
        as(m.account()).get("/api/posts/" + id).then()
                .body("targets[0].last_error.code", equalTo("http_500"))
                .body("targets[0].last_error.retryable", equalTo(true));
        Instant before = Instant.now().minusSeconds(1);
        var retried = as(m.account()).post("/api/posts/" + id + "/targets/" + targets.get(0) + "/retry").then()
                .statusCode(202)
                .body("status", equalTo("scheduled"))
                .body("targets[0].status", equalTo("pending"))
                .body("targets[0].attempts", equalTo(0))
                .body("targets[0].last_error", nullValue())
                .body("targets[1].status", equalTo("published")).extract();
        assertThat(Instant.parse(retried.path("targets[0].next_attempt_at"))).isAfter(before)
                .isBefore(Instant.now().plusSeconds(1));
        problem(as(m.account()).post("/api/posts/" + id + "/targets/" + UUID.randomUUID() + "/retry").then(), 404);
    }

    @Test
    void attemptsOfATargetAreReadable() throws Exception {
        Manager m = manager();
        String id = create(m.account(), body("tried", SOON, List.of(m.on("x")), List.of())).statusCode(201)
                .extract().path("id");
        String target = as(m.account()).get("/api/posts/" + id).then().extract().path("targets[0].id");
        as(m.account()).get("/api/posts/" + id + "/targets/" + target + "/attempts").then().statusCode(200)
                .body("items", hasSize(0));
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "insert into publish_attempts (id, post_platform_id, attempt, started_at, finished_at, outcome,"
                        + " error_code, message, duration_ms) values (?, ?, 1, now() - interval '2 seconds', now(),"
                        + " 'transient', 'http_503', 'X answered 503', 812)", UUID.randomUUID(), UUID.fromString(target));
        }
        as(m.account()).get("/api/posts/" + id + "/targets/" + target + "/attempts").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].attempt", equalTo(1))
                .body("items[0].outcome", equalTo("transient")).body("items[0].error_code", equalTo("http_503"))
                .body("items[0].duration_ms", equalTo(812));
    }

    @Test
    void mediaUsedByAScheduledPostCannotBeDeleted() throws Exception {
        Manager m = manager();
        String image = upload(m.account(), TestFiles.jpeg(12, 12), "in-use.jpg");
        String draftOnly = upload(m.account(), TestFiles.jpeg(13, 12), "draft.jpg");
        create(m.account(), body("uses it", SOON, List.of(m.on("x")), List.of(image))).statusCode(201);
        create(m.account(), body("draft", null, List.of(), List.of(draftOnly))).statusCode(201);

        problem(as(m.account()).delete("/api/media/" + image).then(), 409);
        as(m.account()).delete("/api/media/" + draftOnly).then().statusCode(204);
        create(m.account(), body("still a draft", null, List.of(), List.of(draftOnly))).statusCode(422);
    }

    @Test
    void mediaDeletedWhileAPostIsBeingScheduledWithItIsRefusedToThePostInsteadOfSilentlyDropped()
            throws Exception {
        Manager m = manager();
        String image = upload(m.account(), TestFiles.jpeg(14, 12), "racing.jpg");
        try (Connection deleting = Sql.connect()) {
            deleting.setAutoCommit(false);
            Sql.value(deleting, "select id from media where id = ? for update", UUID.fromString(image));
            CompletableFuture<Integer> scheduling = CompletableFuture.supplyAsync(Sql.withCallersClassLoader(
                    () -> create(m.account(), body("with the image", SOON, List.of(m.on("x")), List.of(image)))
                            .extract().statusCode()));
            Sql.awaitSomeoneBlockedBy(deleting); // the scheduling request waits on the media row
            Sql.exec(deleting, "delete from media where id = ?", UUID.fromString(image));
            deleting.commit();
            assertThat(scheduling.get()).isEqualTo(422);
        }
    }

    @Test
    void theListFiltersAndPagesNewestScheduledFirst() throws Exception {
        Manager m = manager();
        Instant base = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String early = create(m.account(), body("early", base.toString(), List.of(m.on("x")), List.of()))
                .statusCode(201).extract().path("id");
        String late = create(m.account(), body("late", base.plus(2, ChronoUnit.DAYS).toString(),
                                                List.of(m.on("linkedin")), List.of())).statusCode(201).extract().path("id");
        String draft = create(m.account(), body("draft", null, List.of(m.on("x")), List.of())).statusCode(201)
                .extract().path("id");

        as(m.account()).get("/api/posts").then().statusCode(200)
                .body("items.id", contains(late, early, draft))
                .body("total_items", equalTo(3)).body("page", equalTo(0)).body("size", equalTo(20))
                .body("total_pages", equalTo(1));
        as(m.account()).get("/api/posts?size=1&page=1").then().body("items.id", contains(early))
                .body("total_pages", equalTo(3));
        as(m.account()).get("/api/posts?status=draft").then().body("items.id", contains(draft));
        as(m.account()).get("/api/posts?platform=x").then().body("items.id", contains(early, draft));
        as(m.account()).get("/api/posts?from=" + base.plus(1, ChronoUnit.DAYS) + "&to=" + base.plus(3, ChronoUnit.DAYS))
                .then().body("items.id", contains(late));
        problem(as(m.account()).get("/api/posts?status=done").then(), 422);
        problem(as(m.account()).get("/api/posts?platform=myspace").then(), 422);
        problem(as(m.account()).get("/api/posts?from=yesterday").then(), 422);
        problem(as(m.account()).get("/api/posts?size=500").then(), 422);
    }

    @Test
    void theSameIdempotencyKeyCreatesOnePostAndADifferentBodyIs422() throws Exception {
        Manager m = manager();
        String key = "post-" + UUID.randomUUID();
        Map<String, Object> body = body("exactly once", SOON, List.of(m.on("x")), List.of());
        String first = as(m.account()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/posts").then().statusCode(201).extract().path("id");
        as(m.account()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/posts").then().statusCode(201).body("id", equalTo(first));
        problem(as(m.account()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                        .body(body("something else", SOON, List.of(m.on("x")), List.of())).post("/api/posts").then(), 422)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        as(m.account()).get("/api/posts").then().body("total_items", equalTo(1));

        // Keys are per user: the same key from someone else is a different request.
        Manager other = manager();
        as(other.account()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body("mine", SOON, List.of(other.on("x")), List.of())).post("/api/posts").then().statusCode(201);
    }

    static void setTargetStatus(String targetId, String status) throws Exception {
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "update post_platforms set status = ? where id = ?", status, UUID.fromString(targetId));
        }
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
