package ai.stratum.medical.store.internal;

import ai.stratum.core.storage.ContentAddress;
import ai.stratum.core.tenancy.TenantId;
import ai.stratum.medical.dicom.DicomObject;
import ai.stratum.medical.dicom.DicomTags;
import ai.stratum.medical.store.FailureReason;
import ai.stratum.medical.store.IndexQuery;
import ai.stratum.medical.store.IngestResult;
import ai.stratum.medical.store.QuietSeries;
import ai.stratum.medical.store.SeriesRecord;
import ai.stratum.medical.store.Source;
import ai.stratum.medical.store.StoredInstance;
import ai.stratum.medical.store.StudyRecord;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The PostgreSQL index of studies, series and instances. */
@Repository
public class IndexRepository {

  private static final String INSTANCE_COLUMNS =
      "tenant, study_uid, series_uid, sop_instance_uid, sop_class_uid, instance_number,"
          + " transfer_syntax_uid, rows, columns, number_of_frames, content_address, size_bytes";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  IndexRepository(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /** Indexes a validated instance whose bytes are already at {@code address}. */
  public IngestResult record(
      TenantId tenant, DicomObject object, ContentAddress address, long size, Source source) {
    return transactions.execute(status -> {
      IngestResult result = recordInTransaction(tenant, object, address, size, source);
      if (result instanceof IngestResult.Refused) {
        status.setRollbackOnly();
      }
      return result;
    });
  }

  private IngestResult recordInTransaction(
      TenantId tenant, DicomObject object, ContentAddress address, long size, Source source) {
    String studyUid = text(object, DicomTags.STUDY_INSTANCE_UID);
    String seriesUid = text(object, DicomTags.SERIES_INSTANCE_UID);
    String sopInstanceUid = text(object, DicomTags.SOP_INSTANCE_UID);
    String sopClassUid = text(object, DicomTags.SOP_CLASS_UID);
    String patientId = text(object, DicomTags.PATIENT_ID);
    jdbc.sql(
            """
            insert into study (tenant, study_uid, patient_id, patient_name, patient_birth_date, patient_sex,
                               study_date, study_time, accession_number, study_id, study_description,
                               referring_physician)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing\
            """)
        .params(
            tenant.value(),
            studyUid,
            patientId,
            text(object, DicomTags.PATIENT_NAME),
            text(object, DicomTags.PATIENT_BIRTH_DATE),
            text(object, DicomTags.PATIENT_SEX),
            text(object, DicomTags.STUDY_DATE),
            text(object, DicomTags.STUDY_TIME),
            text(object, DicomTags.ACCESSION_NUMBER),
            text(object, DicomTags.STUDY_ID),
            text(object, DicomTags.STUDY_DESCRIPTION),
            text(object, DicomTags.REFERRING_PHYSICIAN_NAME))
        .update();
    String storedPatient =
        stored("select patient_id from study where tenant = ? and study_uid = ?", tenant, studyUid);
    if (!storedPatient.equals(patientId)) {
      return conflict(
          object, "Study " + studyUid + " is stored for another patient ID than this instance's.");
    }
    jdbc.sql(
            """
            insert into series (tenant, series_uid, study_uid, modality, series_number, series_description, body_part)
            values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing\
            """)
        .params(
            tenant.value(),
            seriesUid,
            studyUid,
            text(object, DicomTags.MODALITY),
            integer(object, DicomTags.SERIES_NUMBER),
            text(object, DicomTags.SERIES_DESCRIPTION),
            text(object, DicomTags.BODY_PART_EXAMINED))
        .update();
    String seriesStudy =
        stored(
            "select study_uid from series where tenant = ? and series_uid = ?", tenant, seriesUid);
    if (!seriesStudy.equals(studyUid)) {
      return conflict(
          object, "Series " + seriesUid + " belongs to another study (" + seriesStudy + ").");
    }
    int inserted =
        jdbc.sql(
                """
                insert into instance (tenant, sop_instance_uid, series_uid, study_uid, sop_class_uid, instance_number,
                                      transfer_syntax_uid, rows, columns, number_of_frames, content_address,
                                      size_bytes, received_via)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing\
                """)
            .params(
                tenant.value(),
                sopInstanceUid,
                seriesUid,
                studyUid,
                sopClassUid,
                integer(object, DicomTags.INSTANCE_NUMBER),
                object.transferSyntaxUid(),
                integer(object, DicomTags.ROWS),
                integer(object, DicomTags.COLUMNS),
                object.hasPixelData() ? object.numberOfFrames() : null,
                address.sha256(),
                size,
                source.column())
            .update();
    if (inserted == 1) {
      jdbc.sql(
              """
              update series set instance_count = instance_count + 1, last_received_at = now(), state = 'receiving'
              where tenant = ? and series_uid = ?\
              """)
          .params(tenant.value(), seriesUid)
          .update();
      return new IngestResult.Stored(instance(tenant, sopInstanceUid).orElseThrow(), false);
    }
    StoredInstance existing = instance(tenant, sopInstanceUid).orElseThrow();
    if (!existing.address().equals(address)) {
      return conflict(
          object,
          "A different object with SOP Instance UID " + sopInstanceUid + " is already stored.");
    }
    if (!existing.seriesUid().equals(seriesUid)) {
      return conflict(object, "SOP Instance " + sopInstanceUid + " is stored in another series.");
    }
    return new IngestResult.Stored(existing, true);
  }

  public Optional<StoredInstance> instance(TenantId tenant, String sopInstanceUid) {
    return jdbc.sql(
            "select "
                + INSTANCE_COLUMNS
                + " from instance where tenant = ? and sop_instance_uid = ?")
        .params(tenant.value(), sopInstanceUid)
        .query(IndexRepository::storedInstance)
        .optional();
  }

  public List<StoredInstance> instances(
      TenantId tenant, String studyUid, @Nullable String seriesUid) {
    return jdbc.sql(
            "select "
                + INSTANCE_COLUMNS
                + " from instance where tenant = ? and study_uid = ? and (?::text is null or series_uid = ?)"
                + " order by series_uid, instance_number, sop_instance_uid")
        .params(tenant.value(), studyUid, seriesUid, seriesUid)
        .query(IndexRepository::storedInstance)
        .list();
  }

  public List<StudyRecord> findStudies(TenantId tenant, IndexQuery query) {
    return find(
        tenant,
        query,
        """
        select s.*,
               coalesce((select array_agg(distinct x.modality) from series x
                         where x.tenant = s.tenant and x.study_uid = s.study_uid and x.modality <> ''), '{}') as modalities,
               (select count(*) from series x where x.tenant = s.tenant and x.study_uid = s.study_uid) as series_count,
               (select coalesce(sum(x.instance_count), 0) from series x
                 where x.tenant = s.tenant and x.study_uid = s.study_uid) as instance_count
        from study s\
        """,
        "s.created_at, s.study_uid",
        (rs, row) ->
            new StudyRecord(
                rs.getString("study_uid"),
                rs.getString("patient_id"),
                rs.getString("patient_name"),
                rs.getString("patient_birth_date"),
                rs.getString("patient_sex"),
                rs.getString("study_date"),
                rs.getString("study_time"),
                rs.getString("accession_number"),
                rs.getString("study_id"),
                rs.getString("study_description"),
                rs.getString("referring_physician"),
                strings(rs.getArray("modalities")),
                rs.getInt("series_count"),
                rs.getInt("instance_count")));
  }

  public List<SeriesRecord> findSeries(TenantId tenant, IndexQuery query) {
    return find(
        tenant,
        query,
        "select e.* from series e",
        "e.series_number nulls last, e.series_uid",
        (rs, row) ->
            new SeriesRecord(
                rs.getString("study_uid"),
                rs.getString("series_uid"),
                rs.getString("modality"),
                (Integer) rs.getObject("series_number"),
                rs.getString("series_description"),
                rs.getString("body_part"),
                rs.getInt("instance_count")));
  }

  public List<StoredInstance> findInstances(TenantId tenant, IndexQuery query) {
    return find(
        tenant,
        query,
        "select " + INSTANCE_COLUMNS + " from instance i",
        "i.instance_number nulls last, i.sop_instance_uid",
        IndexRepository::storedInstance);
  }

  /** A QIDO-RS query at one level: matching rows in {@code orderBy} order, one page. */
  private <T> List<T> find(
      TenantId tenant, IndexQuery query, String selectFrom, String orderBy, RowMapper<T> rows) {
    QuerySql where = QuerySql.forQuery(tenant, query);
    return jdbc.sql(
            selectFrom
                + " where "
                + where.sql()
                + " order by "
                + orderBy
                + " limit :limit offset :offset")
        .params(where.parameters())
        .query(rows)
        .list();
  }

  /** One text column of the row of {@code tenant} and {@code key}, which must exist. */
  private String stored(String select, TenantId tenant, String key) {
    return jdbc.sql(select).params(tenant.value(), key).query(String.class).single();
  }

  public boolean isEmpty() {
    return jdbc.sql("select not exists (select 1 from instance)").query(Boolean.class).single();
  }

  /**
   * Claims series quiet for {@code quietPeriod}, and series whose claim is older than {@code lease}
   * (the claimant died), under a new token each.
   */
  public List<QuietSeries> claimQuietSeries(Duration quietPeriod, Duration lease, int limit) {
    return jdbc.sql(
            """
            update series set state = 'building', claim_token = gen_random_uuid(), claimed_at = now()
            where (tenant, series_uid) in (
                select tenant, series_uid from series
                where (state = 'receiving' and last_received_at < now() - (:quiet * interval '1 millisecond'))
                   or (state = 'building' and claimed_at < now() - (:lease * interval '1 millisecond'))
                order by last_received_at limit :limit for update skip locked)
            returning tenant, study_uid, series_uid, instance_count, claim_token\
            """)
        .param("quiet", quietPeriod.toMillis())
        .param("lease", lease.toMillis())
        .param("limit", limit)
        .query((rs, row) ->
            new QuietSeries(
                TenantId.of(rs.getString("tenant")),
                rs.getString("study_uid"),
                rs.getString("series_uid"),
                rs.getInt("instance_count"),
                rs.getObject("claim_token", UUID.class)))
        .list();
  }

  /**
   * Marks a claimed series complete if the claim still holds (no instance arrived since and no one
   * took the claim over); joins the caller's transaction.
   */
  public boolean completeClaim(QuietSeries series) {
    return jdbc.sql(
                """
                update series set state = 'complete', claim_token = null
                where tenant = ? and series_uid = ? and state = 'building' and claim_token = ?\
                """)
            .params(series.tenant().value(), series.seriesUid(), series.claimToken())
            .update()
        == 1;
  }

  private static IngestResult conflict(DicomObject object, String detail) {
    return new IngestResult.Refused(
        FailureReason.DUPLICATE_SOP_INSTANCE,
        detail,
        object.string(DicomTags.SOP_CLASS_UID),
        object.string(DicomTags.SOP_INSTANCE_UID));
  }

  private static StoredInstance storedInstance(ResultSet rs, int row) throws SQLException {
    return new StoredInstance(
        TenantId.of(rs.getString("tenant")),
        rs.getString("study_uid"),
        rs.getString("series_uid"),
        rs.getString("sop_instance_uid"),
        rs.getString("sop_class_uid"),
        (Integer) rs.getObject("instance_number"),
        rs.getString("transfer_syntax_uid"),
        (Integer) rs.getObject("rows"),
        (Integer) rs.getObject("columns"),
        (Integer) rs.getObject("number_of_frames"),
        new ContentAddress(rs.getString("content_address").strip()),
        rs.getLong("size_bytes"));
  }

  private static List<String> strings(Array array) throws SQLException {
    return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
  }

  /**
   * Values longer than the column's purpose allows are cut: the index is for finding, not for
   * keeping.
   */
  private static String text(DicomObject object, int tag) {
    String value = object.strings(tag).stream().reduce((a, b) -> a + "\\" + b).orElse("");
    return value.length() > 1024 ? value.substring(0, 1024) : value;
  }

  private static @Nullable Integer integer(DicomObject object, int tag) {
    try {
      var value = object.integer(tag);
      return value.isPresent() ? value.getAsInt() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
