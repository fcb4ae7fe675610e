package ai.stratum.gateway.routing;

import ai.stratum.core.web.StratumException;
import org.springframework.http.HttpStatus;

/** 502 or 504: the service behind a route did not answer. */
class UpstreamUnavailableException extends StratumException {

  private UpstreamUnavailableException(
      HttpStatus status, String slug, String title, String detail) {
    super(status, slug, title, detail);
  }

  static UpstreamUnavailableException unreachable(Route route) {
    return new UpstreamUnavailableException(
        HttpStatus.BAD_GATEWAY,
        "upstream-unavailable",
        "Upstream unavailable",
        "The " + route.key() + " service is not reachable; try again later.");
  }

  static UpstreamUnavailableException timedOut(Route route) {
    return new UpstreamUnavailableException(
        HttpStatus.GATEWAY_TIMEOUT,
        "upstream-timeout",
        "Upstream timeout",
        "The " + route.key() + " service did not answer in time.");
  }
}
