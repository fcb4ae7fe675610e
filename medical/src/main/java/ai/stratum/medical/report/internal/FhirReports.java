package ai.stratum.medical.report.internal;

import ai.stratum.medical.detection.Attenuation;
import ai.stratum.medical.detection.Finding;
import ai.stratum.medical.report.FindingsReport;
import ca.uhn.fhir.context.FhirContext;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * A report as a FHIR R4 DiagnosticReport: one contained Observation per finding (nodule in the
 * lung, with centre, diameter, volume, attenuation, probability and uncertainty as components), the
 * study and the SR as identifiers. Not analysed series give a cancelled report with the reason as
 * its conclusion.
 */
@Component
public class FhirReports {

  private static final String DICOM_UID = "urn:dicom:uid";
  private static final String SNOMED = "http://snomed.info/sct";
  private static final String LOINC = "http://loinc.org";
  private static final String UCUM = "http://unitsofmeasure.org";
  private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
  private static final String STRATUM = "https://stratum.ai/fhir/CodeSystem/nodule";

  /** Building the context scans the R4 model once; parsers from it are cheap. */
  private final FhirContext context = FhirContext.forR4();

  public String json(FindingsReport report) {
    DiagnosticReport fhir = new DiagnosticReport();
    fhir.setId(report.seriesInstanceUid());
    fhir.addIdentifier(
        new Identifier().setSystem(DICOM_UID).setValue("urn:oid:" + report.seriesInstanceUid()));
    fhir.addIdentifier(
        new Identifier().setSystem(DICOM_UID).setValue("urn:oid:" + report.srSopInstanceUid()));
    fhir.setStatus(
        report.reason() == null
            ? DiagnosticReport.DiagnosticReportStatus.FINAL
            : DiagnosticReport.DiagnosticReportStatus.CANCELLED);
    fhir.addCategory(
        new CodeableConcept(
            new Coding("http://terminology.hl7.org/CodeSystem/v2-0074", "RAD", "Radiology")));
    fhir.setCode(new CodeableConcept(new Coding(LOINC, "24627-2", "CT Chest")));
    fhir.addImagingStudy(
        new Reference()
            .setIdentifier(
                new Identifier()
                    .setSystem(DICOM_UID)
                    .setValue("urn:oid:" + report.studyInstanceUid()))
            .setDisplay("Study " + report.studyInstanceUid()));
    fhir.setIssued(Date.from(report.analysedAt()));
    int number = 1;
    for (Finding finding : report.findings()) {
      Observation observation = observation(finding, number);
      fhir.addContained(observation);
      fhir.addResult(new Reference("#" + observation.getIdElement().getIdPart()));
      number++;
    }
    fhir.setConclusion(
        report.reason() != null
            ? "Not analysed: " + report.reason()
            : report.findings().isEmpty()
                ? "No lung nodules detected."
                : report.findings().size() + " lung nodule finding(s).");
    return context.newJsonParser().encodeResourceToString(fhir);
  }

  private static Observation observation(Finding finding, int number) {
    Observation observation = new Observation();
    observation.setId("nodule-" + number);
    observation.setStatus(Observation.ObservationStatus.PRELIMINARY);
    observation.addIdentifier(
        new Identifier().setSystem(DICOM_UID).setValue("urn:oid:" + finding.trackingUid()));
    observation.addIdentifier(
        new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + finding.id()));
    observation.setCode(new CodeableConcept(new Coding(SNOMED, "27925004", "Nodule")));
    observation.setBodySite(new CodeableConcept(new Coding(SNOMED, "39607008", "Lung")));
    observation.setValue(
        new CodeableConcept(
            finding.attenuation() == Attenuation.SOLID
                ? new Coding(SNOMED, "35702001", "Solid")
                : new Coding(DCM, "112120", "Ground glass opacity")));
    component(observation, new Coding(SNOMED, "81827009", "Diameter"), finding.diameterMm(), "mm");
    component(observation, new Coding(SNOMED, "118565006", "Volume"), finding.volumeMm3(), "mm3");
    component(
        observation, new Coding(DCM, "111012", "Certainty of Finding"), finding.probability(), "1");
    // the SR says "standard deviation of the certainty" with a derivation modifier; a FHIR
    // component
    // code has no modifier, and no standard code names that combination
    component(
        observation,
        new Coding(STRATUM, "NOD-PROB-UNCERT", "Uncertainty of nodule probability"),
        finding.uncertainty(),
        "1");
    component(observation, new Coding(DCM, "111010", "Center x (patient LPS)"), finding.x(), "mm");
    component(observation, new Coding(DCM, "111010", "Center y (patient LPS)"), finding.y(), "mm");
    component(observation, new Coding(DCM, "111010", "Center z (patient LPS)"), finding.z(), "mm");
    return observation;
  }

  private static void component(Observation observation, Coding code, double value, String unit) {
    observation
        .addComponent()
        .setCode(new CodeableConcept(code))
        .setValue(new Quantity().setValue(value).setSystem(UCUM).setCode(unit).setUnit(unit));
  }
}
