package ai.stratum.medical.dicom.internal;

import com.pixelmed.dicom.AttributeTag;

final class Tags {

  private Tags() {}

  static AttributeTag of(int tag) {
    return new AttributeTag(tag >>> 16, tag & 0xFFFF);
  }
}
