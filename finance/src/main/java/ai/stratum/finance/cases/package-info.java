/**
 * Cases for analysts: alerted decisions (REVIEW, DECLINE) with their ground truth once a label
 * arrives on {@code finance.labels}; labels are taken in over REST and published there.
 */
@NullMarked
package ai.stratum.finance.cases;

import org.jspecify.annotations.NullMarked;
