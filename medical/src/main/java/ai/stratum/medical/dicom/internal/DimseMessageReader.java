package ai.stratum.medical.dicom.internal;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.Association;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PDataPDU;
import com.pixelmed.network.PresentationDataValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Collects one DIMSE request (command set and, if announced, its data set) from P-DATA PDUs.
 * PixelMed only lets handlers outside its package extend its response handler, so this extends that
 * and replaces its PDU handling entirely.
 */
final class DimseMessageReader extends CompositeResponseHandler {

  private static final AttributeTag COMMAND_FIELD = new AttributeTag(0x0000, 0x0100);
  private static final AttributeTag MESSAGE_ID = new AttributeTag(0x0000, 0x0110);
  private static final AttributeTag COMMAND_DATA_SET_TYPE = new AttributeTag(0x0000, 0x0800);
  private static final AttributeTag AFFECTED_SOP_CLASS_UID = new AttributeTag(0x0000, 0x0002);
  private static final AttributeTag AFFECTED_SOP_INSTANCE_UID = new AttributeTag(0x0000, 0x1000);
  private static final int NO_DATA_SET = 0x0101;

  private final long maxDataBytes;
  private final ByteArrayOutputStream command = new ByteArrayOutputStream(256);
  private final ByteArrayOutputStream data = new ByteArrayOutputStream(64 * 1024);
  private AttributeList commandSet = new AttributeList();
  private byte presentationContextId;
  private String transferSyntaxUid = TransferSyntax.ImplicitVRLittleEndian;
  private boolean tooLarge;

  DimseMessageReader(long maxDataBytes) {
    this.maxDataBytes = maxDataBytes;
  }

  @Override
  public void sendPDataIndication(PDataPDU pdata, Association association)
      throws DicomNetworkException, DicomException, IOException {
    for (Object item : pdata.getPDVList()) {
      PresentationDataValue pdv = (PresentationDataValue) item;
      presentationContextId = pdv.getPresentationContextID();
      if (pdv.isCommand()) {
        command.writeBytes(pdv.getValue());
        if (pdv.isLastFragment()) {
          commandSet =
              getAttributeListFromCommandOrData(
                  command.toByteArray(), TransferSyntax.ImplicitVRLittleEndian);
          transferSyntaxUid =
              association.getTransferSyntaxForPresentationContextID(presentationContextId);
          if (integer(COMMAND_DATA_SET_TYPE, NO_DATA_SET) == NO_DATA_SET) {
            setDone(true);
          }
        }
      } else {
        byte[] value = pdv.getValue();
        if (data.size() + (long) value.length > maxDataBytes) {
          tooLarge = true;
          data.reset();
        } else if (!tooLarge) {
          data.writeBytes(value);
        }
        if (pdv.isLastFragment()) {
          setDone(true);
        }
      }
    }
  }

  @Override
  protected void evaluateStatusAndSetSuccess(AttributeList list) {
    // requests carry no status; the SCP sets it in the response
  }

  int commandField() {
    return integer(COMMAND_FIELD, -1);
  }

  int messageId() {
    return integer(MESSAGE_ID, 0);
  }

  String affectedSopClassUid() {
    return Attribute.getSingleStringValueOrEmptyString(commandSet, AFFECTED_SOP_CLASS_UID).strip();
  }

  String affectedSopInstanceUid() {
    return Attribute.getSingleStringValueOrEmptyString(commandSet, AFFECTED_SOP_INSTANCE_UID)
        .strip();
  }

  byte presentationContextId() {
    return presentationContextId;
  }

  String transferSyntaxUid() {
    return transferSyntaxUid;
  }

  boolean tooLarge() {
    return tooLarge;
  }

  byte[] dataset() {
    return data.toByteArray();
  }

  private int integer(AttributeTag tag, int fallback) {
    return Attribute.getSingleIntegerValueOrDefault(commandSet, tag, fallback);
  }
}
