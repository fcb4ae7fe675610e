package ai.stratum.core.storage;

import java.io.IOException;

/**
 * The bytes read for an address do not hash to it: the object was altered on disk after it was
 * stored.
 */
public final class CorruptObjectException extends IOException {

  public CorruptObjectException(ContentAddress expected, ContentAddress actual) {
    super("object " + expected + " reads back as " + actual);
  }
}
