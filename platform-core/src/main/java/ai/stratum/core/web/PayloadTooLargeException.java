package ai.stratum.core.web;

import org.springframework.http.HttpStatus;

/** 413: the request body exceeds what the endpoint accepts. */
public class PayloadTooLargeException extends StratumException {

  public PayloadTooLargeException(long limitBytes) {
    super(
        HttpStatus.CONTENT_TOO_LARGE,
        "payload-too-large",
        "Payload too large",
        "The request body exceeds the limit of " + limitBytes + " bytes.");
  }
}
