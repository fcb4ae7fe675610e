package ai.stratum.medical.detection;

import java.util.UUID;

/**
 * One detected lung nodule. The centre is in patient coordinates (LPS, mm), as DICOM SCOORD3D and
 * the phantoms' ground truth use.
 *
 * @param trackingUid a DICOM UID that follows the nodule across reports (TID 1500 tracking UID)
 * @param diameterMm diameter of the sphere with the segmented volume
 * @param probability how likely this is a nodule, 0..1
 * @param uncertainty spread of the probability under test-time augmentation
 */
public record Finding(
    UUID id,
    String trackingUid,
    double x,
    double y,
    double z,
    double diameterMm,
    double volumeMm3,
    Attenuation attenuation,
    double probability,
    double uncertainty) {}
