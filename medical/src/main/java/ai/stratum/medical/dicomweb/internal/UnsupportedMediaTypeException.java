package ai.stratum.medical.dicomweb.internal;

import ai.stratum.core.web.StratumException;
import org.springframework.http.HttpStatus;

/** 415: the request body is not a media type the endpoint takes. */
public final class UnsupportedMediaTypeException extends StratumException {

  public UnsupportedMediaTypeException(String detail) {
    super(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported-media-type",
        "Unsupported media type",
        detail);
  }
}
