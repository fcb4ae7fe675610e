/**
 * The study store: validated DICOM instances in the content-addressed store, indexed per tenant in
 * PostgreSQL (study, series, instance), idempotent by SOP Instance UID.
 */
@NullMarked
package ai.stratum.medical.store;

import org.jspecify.annotations.NullMarked;
