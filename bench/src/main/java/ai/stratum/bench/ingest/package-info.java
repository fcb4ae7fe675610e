/**
 * {@code ./stratum bench ingest}: DIMSE C-STORE into the medical service beside DCMTK's own {@code
 * storescp}, and DICOMweb STOW-RS throughput.
 */
@NullMarked
package ai.stratum.bench.ingest;

import org.jspecify.annotations.NullMarked;
