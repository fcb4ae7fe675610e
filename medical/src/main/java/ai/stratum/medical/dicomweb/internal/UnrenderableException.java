package ai.stratum.medical.dicomweb.internal;

import ai.stratum.core.web.StratumException;
import org.springframework.http.HttpStatus;

/** 422: the instance exists but its pixel data cannot be rendered (e.g. an unsupported codec). */
public final class UnrenderableException extends StratumException {

  public UnrenderableException(String detail) {
    super(HttpStatus.UNPROCESSABLE_CONTENT, "unrenderable", "Cannot render", detail);
  }
}
