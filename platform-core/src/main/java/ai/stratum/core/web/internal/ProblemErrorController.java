package ai.stratum.core.web.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders errors that never reached a handler (a filter that called {@code sendError}, an exception
 * thrown by a filter) as problems too, replacing Boot's whitelabel/JSON error body.
 */
@RestController
public class ProblemErrorController implements ErrorController {

  @RequestMapping("${server.error.path:${error.path:/error}}")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    HttpStatus status = statusOf(request);
    ProblemDetail body;
    if (status.is5xxServerError()) {
      body = Problems.unexpected();
      body.setStatus(status);
    } else {
      body = ProblemDetail.forStatus(status);
      body.setType(Problems.typeFor(status));
      if (request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String message
          && !message.isBlank()) {
        body.setDetail(message);
      }
    }
    if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
      Problems.setInstance(body, uri);
    }
    return ResponseEntity.status(status).body(body);
  }

  private static HttpStatus statusOf(HttpServletRequest request) {
    if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code) {
      HttpStatus status = HttpStatus.resolve(code);
      if (status != null && status.isError()) {
        return status;
      }
    }
    return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}
