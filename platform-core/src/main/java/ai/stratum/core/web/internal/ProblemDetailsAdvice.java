package ai.stratum.core.web.internal;

import ai.stratum.core.web.InvalidField;
import ai.stratum.core.web.OverloadedException;
import ai.stratum.core.web.StratumException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception a handler throws into an RFC 9457 problem: Spring MVC's own exceptions
 * through {@link ResponseEntityExceptionHandler}, {@link StratumException}s with their status and
 * slug, bean validation failures as 400 with the offending fields, and anything else as a 500 that
 * names nothing internal. Ordered last so a service's own advice can take over specific exceptions.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @ExceptionHandler(StratumException.class)
  ResponseEntity<Object> handleStratumException(StratumException ex, WebRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(ex.status(), ex.detail());
    body.setType(ex.type());
    body.setTitle(ex.title());
    ex.properties().forEach(body::setProperty);
    HttpHeaders headers = new HttpHeaders();
    if (ex instanceof OverloadedException overloaded) {
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(overloaded.retryAfterSeconds()));
    }
    if (ex.status().is5xxServerError()) {
      log.warn("{} on {}: {}", ex.status(), describe(request), ex.detail());
    }
    return handleExceptionInternalOrThrow(ex, body, headers, ex.status(), request);
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<Object> handleConstraintViolation(
      ConstraintViolationException ex, WebRequest request) {
    List<InvalidField> errors =
        ex.getConstraintViolations().stream()
            .map(v -> new InvalidField(v.getPropertyPath().toString(), v.getMessage()))
            .toList();
    return handleExceptionInternalOrThrow(
        ex, invalid(errors), new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> handleAnyOtherException(Exception ex, WebRequest request) {
    if (ex instanceof ErrorResponse errorResponse) {
      return handleExceptionInternalOrThrow(
          ex,
          errorResponse.updateAndGetBody(getMessageSource(), request.getLocale()),
          errorResponse.getHeaders(),
          errorResponse.getStatusCode(),
          request);
    }
    ResponseStatus declared =
        AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
    if (declared != null && !declared.code().is5xxServerError()) {
      ProblemDetail body = ProblemDetail.forStatus(declared.code());
      if (!declared.reason().isEmpty()) {
        body.setDetail(declared.reason());
      }
      return handleExceptionInternalOrThrow(ex, body, new HttpHeaders(), declared.code(), request);
    }
    log.error("Unexpected error on {}", describe(request), ex);
    return handleExceptionInternalOrThrow(
        ex, Problems.unexpected(), new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return handleExceptionInternal(
        ex, invalid(fieldErrors(ex.getBindingResult())), headers, status, request);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<InvalidField> errors = new ArrayList<>();
    ex.getParameterValidationResults()
        .forEach(result -> {
          String parameter = result.getMethodParameter().getParameterName();
          String field = parameter == null ? "parameter" : parameter;
          result
              .getResolvableErrors()
              .forEach(error ->
                  errors.add(
                      new InvalidField(
                          error instanceof FieldError fieldError
                              ? field + "." + fieldError.getField()
                              : field,
                          messageOf(error.getDefaultMessage()))));
        });
    return handleExceptionInternal(ex, invalid(errors), headers, status, request);
  }

  /**
   * Gives every problem, including Spring's own, a Stratum type URI and the request path as
   * instance.
   */
  @Override
  protected @Nullable ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    ProblemDetail problem =
        body instanceof ProblemDetail given ? given : ProblemDetail.forStatus(statusCode);
    if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
      problem.setType(Problems.typeFor(statusCode));
    }
    if (problem.getInstance() == null && request instanceof NativeWebRequest nativeRequest) {
      HttpServletRequest servletRequest = nativeRequest.getNativeRequest(HttpServletRequest.class);
      if (servletRequest != null) {
        Problems.setInstance(problem, servletRequest.getRequestURI());
      }
    }
    return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
  }

  private ResponseEntity<Object> handleExceptionInternalOrThrow(
      Exception ex,
      ProblemDetail body,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ResponseEntity<Object> response = handleExceptionInternal(ex, body, headers, status, request);
    if (response == null) {
      // the base class gives up only when the response is already committed; nothing can be sent
      // then
      throw new IllegalStateException("response already committed", ex);
    }
    return response;
  }

  private static ProblemDetail invalid(List<InvalidField> errors) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.");
    body.setTitle("Invalid request");
    body.setProperty("errors", errors);
    return body;
  }

  private static List<InvalidField> fieldErrors(BindingResult result) {
    List<InvalidField> errors = new ArrayList<>();
    for (FieldError error : result.getFieldErrors()) {
      errors.add(new InvalidField(error.getField(), messageOf(error.getDefaultMessage())));
    }
    for (ObjectError error : result.getGlobalErrors()) {
      errors.add(new InvalidField(error.getObjectName(), messageOf(error.getDefaultMessage())));
    }
    return errors;
  }

  private static String messageOf(@Nullable String message) {
    return message == null ? "is invalid" : message;
  }

  private static String describe(WebRequest request) {
    return request.getDescription(false);
  }
}
