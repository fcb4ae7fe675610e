package ai.stratum.finance.decisions;

import ai.stratum.core.json.StratumJson;
import ai.stratum.finance.contract.Decision;
import ai.stratum.finance.decisions.internal.DocumentCompression;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads decision documents from the {@code decision} table, where rows hold either the JSON text
 * (rows stored before compression) or the compressed bytes: select {@link #COLUMNS} and pass the
 * position of the first to {@link #read}.
 */
public final class DecisionDocuments {

  /** The two document columns, in the order {@link #read} expects them. */
  public static final String COLUMNS = "document, document_zstd";

  private DecisionDocuments() {}

  /** The decision whose columns start at {@code column} (1-based) of the current row. */
  public static Decision read(ResultSet row, int column) throws SQLException {
    String text = row.getString(column);
    if (text != null) {
      return StratumJson.mapper().readValue(text, Decision.class);
    }
    return StratumJson.mapper()
        .readValue(DocumentCompression.decompress(row.getBytes(column + 1)), Decision.class);
  }
}
