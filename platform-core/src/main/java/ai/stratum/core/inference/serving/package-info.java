/**
 * Serving: {@link ai.stratum.core.inference.serving.ModelServer} validates requests against the
 * signature, batches them per model and device (bounded queue that fails fast, batch by size or
 * delay, per-request deadline, one predictor per worker thread) and swaps versions atomically
 * without failing a request.
 */
@NullMarked
package ai.stratum.core.inference.serving;

import org.jspecify.annotations.NullMarked;
