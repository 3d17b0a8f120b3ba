package dev.kserve4j.storage;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;

/**
 * A model that could not be fetched: an unsupported or malformed URI, a missing object, refused
 * credentials, a broken connection or an archive that is unsafe to unpack. The message names the
 * URI (or archive entry) and says what was expected.
 */
public final class StorageException extends KServeException {

  public StorageException(ErrorKind kind, String message) {
    super(kind, message);
  }

  public StorageException(ErrorKind kind, String message, Throwable cause) {
    super(kind, message, cause);
  }

  /** A URI or archive that is malformed or unsafe; retrying will not help. */
  public static StorageException invalid(String message) {
    return new StorageException(ErrorKind.INVALID_INPUT, message);
  }

  /** The bucket, object, repository or path does not exist. */
  public static StorageException notFound(String message) {
    return new StorageException(ErrorKind.NOT_FOUND, message);
  }

  /** The store could not be reached or broke off; a retry may succeed. */
  public static StorageException unavailable(String message, Throwable cause) {
    return new StorageException(ErrorKind.UNAVAILABLE, message, cause);
  }

  /** An archive expands beyond the configured limit. */
  public static StorageException tooLarge(String message) {
    return new StorageException(ErrorKind.TOO_LARGE, message);
  }
}
