package ai.stratum.core.web;

/**
 * One rejected input of an invalid request; listed under {@code errors} in the problem. The
 * rejected value is left out on purpose: it may be patient or card data.
 */
public record InvalidField(String field, String message) {}
