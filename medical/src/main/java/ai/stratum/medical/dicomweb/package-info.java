/**
 * DICOMweb (PS3.18) under {@code /dicomweb}: STOW-RS, QIDO-RS and WADO-RS (instances, metadata,
 * rendered frames) over the study store, scoped to the caller's tenant.
 */
@NullMarked
package ai.stratum.medical.dicomweb;

import org.jspecify.annotations.NullMarked;
