package ai.stratum.core.web;

import java.net.URI;
import java.util.regex.Pattern;

/** Problem {@code type} URIs: {@value #BASE} followed by a slug such as {@code not-found}. */
public final class ProblemTypes {

  public static final String BASE = "https://stratum.ai/problems/";

  private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private ProblemTypes() {}

  public static URI uri(String slug) {
    if (!SLUG.matcher(slug).matches()) {
      throw new IllegalArgumentException(
          "problem slug must be lower-case words joined by '-': '" + slug + "'");
    }
    return URI.create(BASE + slug);
  }
}
