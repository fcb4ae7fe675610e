/**
 * Nodule reports: a DICOM Comprehensive 3D SR (TID 1500) stored back into each analysed study,
 * {@code medical.findings} events, and JSON findings or a FHIR R4 DiagnosticReport at {@code GET
 * /api/medical/studies/{uid}/report}.
 */
@NullMarked
package ai.stratum.medical.report;

import org.jspecify.annotations.NullMarked;
