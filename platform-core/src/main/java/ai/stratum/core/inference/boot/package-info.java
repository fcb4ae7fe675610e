/**
 * What a Spring Boot service gets: a {@link ai.stratum.core.inference.serving.ModelServer}
 * configured from {@code stratum.core.inference.*}, serving the production versions of the models
 * it lists and hot-swapping them on {@code platform.models} events (and on a periodic
 * reconciliation with the registry).
 */
@NullMarked
package ai.stratum.core.inference.boot;

import org.jspecify.annotations.NullMarked;
