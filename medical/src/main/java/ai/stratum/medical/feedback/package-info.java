/**
 * Clinician feedback: confirm or reject each finding; verdicts are kept per tenant and published to
 * {@code medical.feedback} for continual learning.
 */
@NullMarked
package ai.stratum.medical.feedback;

import org.jspecify.annotations.NullMarked;
