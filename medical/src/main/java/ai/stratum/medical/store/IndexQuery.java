package ai.stratum.medical.store;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A QIDO-RS search: attribute matches by tag (single value, {@code *}/{@code ?} wildcards, dates as
 * {@code from-to} ranges, UIDs as comma-separated lists), scoped to a study and series when given.
 */
public record IndexQuery(
    QueryLevel level,
    @Nullable String studyUid,
    @Nullable String seriesUid,
    Map<Integer, String> matches,
    int limit,
    int offset) {

  public static final int MAX_LIMIT = 1000;

  public IndexQuery {
    matches = Map.copyOf(matches);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative");
    }
  }
}
