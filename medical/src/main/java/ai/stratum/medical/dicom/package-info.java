/**
 * The DICOM toolkit port: reading, writing and DIMSE networking behind small interfaces, with
 * PixelMed in {@code internal}.
 */
@NullMarked
package ai.stratum.medical.dicom;

import org.jspecify.annotations.NullMarked;
