package ai.stratum.medical.imaging;

import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.store.IngestCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Refuses, at ingest, an enhanced multi-frame CT whose functional groups do not describe a volume:
 * frames without position, orientation or pixel spacing, a Per-frame Functional Groups Sequence
 * that does not match Number of Frames, or frames of one stack (Stack ID) that are not one regular
 * stack - the same refusals a series of single-frame slices gets when its volume is built. A
 * single-frame series can only be judged once complete; a multi-frame object carries its whole
 * stack, so the sender hears the reason while it can still correct it.
 */
@Component
class FrameGeometryCheck implements IngestCheck {

  /**
   * Other enhanced objects may legitimately repeat positions (MR echoes, segmentations), so only
   * CT, whose frames make one volume per stack, is judged.
   */
  private static final Set<String> CHECKED =
      Set.of(
          FrameGeometry.ENHANCED_CT_IMAGE_STORAGE,
          FrameGeometry.LEGACY_CONVERTED_ENHANCED_CT_IMAGE_STORAGE);

  @Override
  public Optional<String> refusal(DicomObject object) {
    if (!CHECKED.contains(object.string(DicomTags.SOP_CLASS_UID).orElse(""))) {
      return Optional.empty();
    }
    try {
      Map<String, List<FrameGeometry>> stacks = new LinkedHashMap<>();
      for (FrameGeometry frame : FrameGeometry.of(object)) {
        stacks.computeIfAbsent(frame.stackId(), stack -> new ArrayList<>()).add(frame);
      }
      for (List<FrameGeometry> stack : stacks.values()) {
        VolumeAssembler.order(stack);
      }
      return Optional.empty();
    } catch (VolumeRejectedException e) {
      return Optional.of(e.getMessage());
    }
  }
}
