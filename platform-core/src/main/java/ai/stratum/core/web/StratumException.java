package ai.stratum.core.web;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error a service reports to its caller. The web layer turns it into a problem response with
 * this status, type {@code https://stratum.ai/problems/<slug>}, title and detail; the detail must
 * be fit for the caller (no internals). Services with a case the subclasses do not cover extend
 * this class with their own slug.
 */
public abstract class StratumException extends RuntimeException {

  private final HttpStatus status;
  private final String slug;
  private final String title;

  protected StratumException(HttpStatus status, String slug, String title, String detail) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.title = title;
    ProblemTypes.uri(slug);
  }

  public HttpStatus status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public URI type() {
    return ProblemTypes.uri(slug);
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  /** Extra members of the problem object; empty unless a subclass adds some. */
  public Map<String, Object> properties() {
    return Map.of();
  }
}
