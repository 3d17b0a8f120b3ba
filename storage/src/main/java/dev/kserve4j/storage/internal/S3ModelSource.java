package dev.kserve4j.storage.internal;

import dev.kserve4j.storage.ModelSource;
import dev.kserve4j.storage.ProgressListener;
import dev.kserve4j.storage.StorageConfig;
import dev.kserve4j.storage.StorageException;
import dev.kserve4j.storage.StorageUri;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Downloads every object under an S3 prefix, keeping relative paths ({@link ObjectLayout}), four at
 * a time. The client uses the JDK's HttpURLConnection transport and the settings of {@link
 * StorageConfig.S3}: endpoint override, region, path- or virtual-hosted-style addressing, anonymous
 * or signed requests.
 */
final class S3ModelSource implements ModelSource {
  private final S3Client s3;

  S3ModelSource(StorageConfig.S3 settings) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(settings.connectTimeout())
                    .socketTimeout(settings.readTimeout()))
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials(settings))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(settings.maxAttempts())
                            .build()));
    settings
        .endpoint()
        .ifPresent(
            endpoint ->
                builder.endpointOverride(endpoint).forcePathStyle(!settings.virtualHostedStyle()));
    this.s3 = builder.build();
  }

  private static AwsCredentialsProvider credentials(StorageConfig.S3 settings) {
    if (settings.anonymous()) {
      return AnonymousCredentialsProvider.create();
    }
    return settings
        .keys()
        .<AwsCredentialsProvider>map(
            keys ->
                StaticCredentialsProvider.create(
                    keys.sessionToken().isPresent()
                        ? AwsSessionCredentials.create(
                            keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken().get())
                        : AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
  }

  @Override
  public Optional<Path> inPlace(StorageUri uri) {
    return Optional.empty();
  }

  @Override
  public void download(StorageUri uri, Path target, ProgressListener progress) throws IOException {
    String bucket = uri.authority();
    if (bucket.isEmpty()) {
      throw StorageException.invalid(
          "storage uri '" + uri + "' names no bucket (expected s3://bucket/prefix)");
    }
    String prefix = uri.path();
    List<ObjectLayout.Placement> placements;
    try {
      placements = ObjectLayout.place(prefix, list(bucket, prefix));
    } catch (AwsServiceException | SdkClientException e) {
      throw failure(uri, "listing objects in bucket '" + bucket + "'", e);
    }
    if (placements.isEmpty()) {
      throw StorageException.notFound(
          "storage uri '"
              + uri
              + "': no objects under prefix '"
              + prefix
              + "' in bucket '"
              + bucket
              + "' (expected the model's files)");
    }
    List<ParallelDownloads.Task> tasks = new ArrayList<>();
    for (ObjectLayout.Placement placement : placements) {
      Path file =
          ContainedPath.resolve(target, placement.fileName(), "storage uri '" + uri + "' object");
      tasks.add(() -> get(uri, bucket, placement, file, progress));
    }
    ParallelDownloads.run(tasks, ParallelDownloads.DEFAULT_PARALLELISM);
  }

  private List<ObjectLayout.Listed> list(String bucket, String prefix) {
    List<ObjectLayout.Listed> listed = new ArrayList<>();
    for (S3Object object :
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
      listed.add(new ObjectLayout.Listed(object.key(), object.size()));
    }
    return listed;
  }

  private void get(
      StorageUri uri,
      String bucket,
      ObjectLayout.Placement placement,
      Path file,
      ProgressListener progress)
      throws IOException {
    try (ResponseInputStream<GetObjectResponse> body =
        s3.getObject(r -> r.bucket(bucket).key(placement.objectName()))) {
      Long length = body.response().contentLength();
      Transfer.toFile(body, file, placement.fileName(), length == null ? -1 : length, progress);
    } catch (AwsServiceException | SdkClientException e) {
      throw failure(uri, "reading object '" + placement.objectName() + "'", e);
    }
  }

  private static StorageException failure(StorageUri uri, String action, RuntimeException e) {
    String message = "storage uri '" + uri + "': " + action + " failed: " + e.getMessage();
    if (e instanceof AwsServiceException service) {
      int status = service.statusCode();
      if (status == 404) {
        return StorageException.notFound(message);
      }
      if (status == 401 || status == 403) {
        return StorageException.invalid(
            message
                + " (access denied: check AWS_ACCESS_KEY_ID, "
                + "AWS_SECRET_ACCESS_KEY or awsAnonymousCredential)");
      }
    }
    return StorageException.unavailable(message, e);
  }

  @Override
  public void close() {
    s3.close();
  }
}
