/** Benchmarks of Stratum, run as {@code java -jar bench-*-exec.jar <benchmark> [options]}. */
@NullMarked
package ai.stratum.bench;

import org.jspecify.annotations.NullMarked;
