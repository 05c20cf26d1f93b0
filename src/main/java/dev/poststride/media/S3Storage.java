package dev.poststride.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Media in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, GCS interoperability). An upload is buffered one
 * part at a time ({@code poststride.media.s3.part-size}): a file smaller than a part becomes one PUT, a larger one
 * a multipart upload whose parts are sent as they fill, completed on commit and aborted otherwise, so a failed
 * upload leaves no object and no billed parts behind.
 */
final class S3Storage implements MediaStorage {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final int partSize;

    S3Storage(S3Client s3, S3Presigner presigner, String bucket, int partSize) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    @Override
    public Writer create(String key, String contentType) {
        return new PartWriter(key, contentType);
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(r -> r.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new IOException("Object " + key + " could not be read from bucket " + bucket, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new IOException("Object " + key + " could not be deleted from bucket " + bucket, e);
        }
    }

    @Override
    public void forEachStoredBefore(Instant cutoff, Consumer<String> each) throws IOException {
        try {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(r -> r.bucket(bucket)).uploads()) {
                if (upload.initiated().isBefore(cutoff)) {
                    s3.abortMultipartUpload(r -> r.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                }
            }
            for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
                if (object.lastModified().isBefore(cutoff)) {
                    each.accept(object.key());
                }
            }
        } catch (SdkException e) {
            throw new IOException("The objects of bucket " + bucket + " could not be listed", e);
        }
    }

    @Override
    public Optional<String> presignedGet(String key, Duration ttl) {
        return Optional.of(presigner.presignGetObject(r -> r.signatureDuration(ttl)
                .getObjectRequest(get -> get.bucket(bucket).key(key))).url().toString());
    }

    /** One object being written, a part at a time. */
    private final class PartWriter extends Writer {

        private final String key;
        private final String contentType;
        private final byte[] part = new byte[partSize];
        private final List<CompletedPart> sent = new ArrayList<>();
        private int filled;
        private String uploadId;

        PartWriter(String key, String contentType) {
            this.key = key;
            this.contentType = contentType;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                int n = Math.min(length, part.length - filled);
                System.arraycopy(bytes, offset, part, filled, n);
                filled += n;
                offset += n;
                length -= n;
                if (filled == part.length) {
                    sendPart();
                }
            }
        }

        private void sendPart() throws IOException {
            try {
                if (uploadId == null) {
                    uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(contentType))
                            .uploadId();
                }
                int number = sent.size() + 1;
                String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                                                    .contentLength((long) filled), body()).eTag();
                sent.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                filled = 0;
            } catch (SdkException e) {
                throw new IOException("A part of " + key + " could not be sent to bucket " + bucket, e);
            }
        }

        private RequestBody body() {
            return RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, filled), filled);
        }

        @Override
        protected void finish() throws IOException {
            if (uploadId == null) {
                try {
                    s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType)
                            .contentLength((long) filled), body());
                } catch (SdkException e) {
                    throw new IOException("Object " + key + " could not be stored in bucket " + bucket, e);
                }
                return;
            }
            if (filled > 0) {
                sendPart();
            }
            try {
                s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(sent)));
            } catch (SdkException e) {
                abort();
                throw new IOException("The upload of " + key + " to bucket " + bucket + " could not be completed", e);
            }
        }

        @Override
        protected void abort() throws IOException {
            if (uploadId == null) {
                return;
            }
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException e) {
                // The retention job aborts multipart uploads left over past its cut-off.
                throw new IOException("The upload of " + key + " to bucket " + bucket + " could not be aborted", e);
            }
        }
    }
}
