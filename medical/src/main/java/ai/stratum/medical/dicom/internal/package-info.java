/** The PixelMed implementation of the DICOM port; nothing outside {@code dicom} uses it. */
@NullMarked
package ai.stratum.medical.dicom.internal;

import org.jspecify.annotations.NullMarked;
