/**
 * The inference core: every model in Stratum is served through it. This package holds the shared
 * vocabulary (tensors, signatures, model identities) and the errors callers see; {@code runtime}
 * loads models into an engine, {@code serving} batches requests and hot-swaps versions, {@code
 * registry} keeps versions and stages, {@code boot} wires it all into a Spring Boot service.
 */
@NullMarked
package ai.stratum.core.inference;

import org.jspecify.annotations.NullMarked;
