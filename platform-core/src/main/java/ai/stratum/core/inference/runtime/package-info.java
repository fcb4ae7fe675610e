/**
 * Engines behind one port: {@link ai.stratum.core.inference.runtime.ModelRuntime} loads an artifact
 * onto a {@link ai.stratum.core.inference.runtime.ComputeDevice} and hands out predictors, one per
 * worker thread (the DJL Translator/Predictor shape). {@link
 * ai.stratum.core.inference.runtime.DeviceSelector} is the one place that decides between GPU and
 * CPU.
 */
@NullMarked
package ai.stratum.core.inference.runtime;

import org.jspecify.annotations.NullMarked;
