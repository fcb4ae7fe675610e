package ai.stratum.core.web.internal;

import ai.stratum.core.web.ProblemTypes;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** What the advice and the error controller share: the slug for a status and the 500 body. */
final class Problems {

  static final String UNEXPECTED_DETAIL = "An unexpected error occurred; it has been logged.";

  private Problems() {}

  /**
   * The problem slug for an error that carries only a status: the reason phrase in slug form, with
   * names kept stable where the HTTP reason phrase is vague ("Bad Request") or was renamed
   * ("Content Too Large").
   */
  static String slugFor(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> "invalid-request";
      case 413 -> "payload-too-large";
      case 500 -> "internal-error";
      default -> {
        HttpStatus known = HttpStatus.resolve(status.value());
        yield known == null
            ? "http-" + status.value()
            : known.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
      }
    };
  }

  static URI typeFor(HttpStatusCode status) {
    return ProblemTypes.uri(slugFor(status));
  }

  static ProblemDetail unexpected() {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, UNEXPECTED_DETAIL);
    body.setType(typeFor(HttpStatus.INTERNAL_SERVER_ERROR));
    body.setTitle("Internal error");
    return body;
  }

  /** Sets the request path as the problem's instance, unless it is not a valid URI reference. */
  static void setInstance(ProblemDetail problem, String requestUri) {
    try {
      problem.setInstance(URI.create(requestUri));
    } catch (IllegalArgumentException e) {
      // a path that is no valid URI still gets its problem, only without an instance
    }
  }
}
