/** Feedback persistence. */
@NullMarked
package ai.stratum.medical.feedback.internal;

import org.jspecify.annotations.NullMarked;
