/**
 * The {@code inference} benchmark: batch-1 serving versus dynamic batching through the real {@link
 * ai.stratum.core.inference.serving.ModelServer}, saturated (closed loop) and at one fixed offered
 * load (open loop).
 */
@NullMarked
package ai.stratum.bench.inference;

import org.jspecify.annotations.NullMarked;
