package ai.stratum.medical.store.internal;

import ai.stratum.core.tenancy.TenantId;
import ai.stratum.core.web.InvalidRequestException;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.store.IndexQuery;
import ai.stratum.medical.store.QueryLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Translates QIDO-RS matching (PS3.18 8.3.4) into a parameterised SQL condition. */
record QuerySql(String sql, Map<String, Object> parameters) {

  private enum Match {
    TEXT,
    CASE_INSENSITIVE_TEXT,
    DATE_RANGE,
    UID_LIST,
    INTEGER
  }

  private record Column(String name, Match match) {}

  private static final Map<Integer, Column> STUDY =
      Map.of(
          DicomTags.STUDY_INSTANCE_UID, new Column("s.study_uid", Match.UID_LIST),
          DicomTags.PATIENT_ID, new Column("s.patient_id", Match.TEXT),
          DicomTags.PATIENT_NAME, new Column("s.patient_name", Match.CASE_INSENSITIVE_TEXT),
          DicomTags.STUDY_DATE, new Column("s.study_date", Match.DATE_RANGE),
          DicomTags.ACCESSION_NUMBER, new Column("s.accession_number", Match.TEXT),
          DicomTags.STUDY_ID, new Column("s.study_id", Match.TEXT),
          DicomTags.STUDY_DESCRIPTION,
              new Column("s.study_description", Match.CASE_INSENSITIVE_TEXT),
          DicomTags.REFERRING_PHYSICIAN_NAME,
              new Column("s.referring_physician", Match.CASE_INSENSITIVE_TEXT));

  private static final int MODALITIES_IN_STUDY = 0x00080061;

  private static final Map<Integer, Column> SERIES =
      Map.of(
          DicomTags.STUDY_INSTANCE_UID, new Column("e.study_uid", Match.UID_LIST),
          DicomTags.SERIES_INSTANCE_UID, new Column("e.series_uid", Match.UID_LIST),
          DicomTags.MODALITY, new Column("e.modality", Match.TEXT),
          DicomTags.SERIES_NUMBER, new Column("e.series_number", Match.INTEGER),
          DicomTags.SERIES_DESCRIPTION,
              new Column("e.series_description", Match.CASE_INSENSITIVE_TEXT),
          DicomTags.BODY_PART_EXAMINED, new Column("e.body_part", Match.TEXT));

  private static final Map<Integer, Column> INSTANCE =
      Map.of(
          DicomTags.STUDY_INSTANCE_UID, new Column("i.study_uid", Match.UID_LIST),
          DicomTags.SERIES_INSTANCE_UID, new Column("i.series_uid", Match.UID_LIST),
          DicomTags.SOP_INSTANCE_UID, new Column("i.sop_instance_uid", Match.UID_LIST),
          DicomTags.SOP_CLASS_UID, new Column("i.sop_class_uid", Match.UID_LIST),
          DicomTags.INSTANCE_NUMBER, new Column("i.instance_number", Match.INTEGER));

  static QuerySql forQuery(TenantId tenant, IndexQuery query) {
    String alias =
        switch (query.level()) {
          case STUDY -> "s";
          case SERIES -> "e";
          case INSTANCE -> "i";
        };
    Map<Integer, Column> columns =
        switch (query.level()) {
          case STUDY -> STUDY;
          case SERIES -> SERIES;
          case INSTANCE -> INSTANCE;
        };
    List<String> conditions = new ArrayList<>();
    Map<String, Object> parameters = new HashMap<>();
    conditions.add(alias + ".tenant = :tenant");
    parameters.put("tenant", tenant.value());
    parameters.put("limit", query.limit());
    parameters.put("offset", query.offset());
    if (query.studyUid() != null) {
      conditions.add(alias + ".study_uid = :scopeStudy");
      parameters.put("scopeStudy", query.studyUid());
    }
    if (query.seriesUid() != null && query.level() == QueryLevel.INSTANCE) {
      conditions.add(alias + ".series_uid = :scopeSeries");
      parameters.put("scopeSeries", query.seriesUid());
    }
    int index = 0;
    for (Map.Entry<Integer, String> match : query.matches().entrySet()) {
      String value = match.getValue().strip();
      if (value.isEmpty() || value.equals("*")) {
        continue;
      }
      String parameter = "p" + index++;
      if (query.level() == QueryLevel.STUDY && match.getKey() == MODALITIES_IN_STUDY) {
        conditions.add(
            "exists (select 1 from series x where x.tenant = s.tenant and x.study_uid = s.study_uid"
                + " and x.modality in (:"
                + parameter
                + "))");
        parameters.put(parameter, List.of(value.split("[,\\\\]")));
        continue;
      }
      Column column = columns.get(match.getKey());
      if (column == null) {
        throw new InvalidRequestException(
            "Matching on attribute "
                + DicomTags.hex(match.getKey())
                + " is not supported at the "
                + query.level().name().toLowerCase()
                + " level.");
      }
      conditions.add(condition(column, parameter, value, parameters));
    }
    return new QuerySql(String.join(" and ", conditions), parameters);
  }

  private static String condition(
      Column column, String parameter, String value, Map<String, Object> parameters) {
    switch (column.match()) {
      case UID_LIST -> {
        parameters.put(parameter, List.of(value.split("[,\\\\]")));
        return column.name() + " in (:" + parameter + ")";
      }
      case INTEGER -> {
        try {
          parameters.put(parameter, Integer.parseInt(value));
        } catch (NumberFormatException e) {
          throw new InvalidRequestException("'" + value + "' is not an integer.");
        }
        return column.name() + " = :" + parameter;
      }
      case DATE_RANGE -> {
        if (value.contains("-")) {
          String[] range = value.split("-", -1);
          if (range.length != 2) {
            throw new InvalidRequestException("'" + value + "' is not a date or date range.");
          }
          parameters.put(parameter + "from", range[0].strip());
          parameters.put(parameter + "to", range[1].strip());
          return "((:"
              + parameter
              + "from = '' or "
              + column.name()
              + " >= :"
              + parameter
              + "from) and (:"
              + parameter
              + "to = '' or "
              + column.name()
              + " <= :"
              + parameter
              + "to) and "
              + column.name()
              + " <> '')";
        }
        parameters.put(parameter, value);
        return column.name() + " = :" + parameter;
      }
      default -> {
        boolean wildcard = value.contains("*") || value.contains("?");
        boolean ignoreCase = column.match() == Match.CASE_INSENSITIVE_TEXT;
        if (!wildcard) {
          parameters.put(parameter, value);
          return ignoreCase
              ? "lower(" + column.name() + ") = lower(:" + parameter + ")"
              : column.name() + " = :" + parameter;
        }
        String like =
            value
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_")
                .replace('*', '%')
                .replace('?', '_');
        parameters.put(parameter, like);
        return column.name() + (ignoreCase ? " ilike :" : " like :") + parameter;
      }
    }
  }
}
