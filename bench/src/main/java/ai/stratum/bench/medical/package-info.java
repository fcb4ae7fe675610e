/**
 * {@code ./stratum bench medical}: nodule detection end to end, from series complete to SR stored.
 */
@NullMarked
package ai.stratum.bench.medical;

import org.jspecify.annotations.NullMarked;
