/**
 * De-identification for data leaving the hospital (e.g. for training): the PS3.15 Basic Application
 * Level Confidentiality Profile, with UIDs replaced consistently per secret.
 */
@NullMarked
package ai.stratum.medical.deid;

import org.jspecify.annotations.NullMarked;
