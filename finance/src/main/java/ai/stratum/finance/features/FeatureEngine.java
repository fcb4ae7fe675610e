package ai.stratum.finance.features;

import ai.stratum.finance.contract.Transaction;
import ai.stratum.finance.features.internal.FeatureState;
import ai.stratum.finance.features.internal.Layout;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Computes {@link #SIZE} risk features per transaction from bounded in-memory state and keeps that
 * state up to date. Features describe the event against everything before it; the event is folded
 * in afterwards. Not thread-safe: callers serialise access (the decision engine does).
 */
public final class FeatureEngine {

  /** Number of features per event. */
  public static final int SIZE = Layout.SIZE;

  private static final List<String> NAMES = Layout.names();
  private static final List<String> REASON_CODES = Layout.reasonCodes();

  private final FeatureSettings settings;
  private RiskTables risk;
  private FeatureState state;
  private @Nullable FeatureState spare;

  public FeatureEngine(FeatureSettings settings, RiskTables risk) {
    this.settings = settings;
    this.risk = risk;
    this.state = new FeatureState(settings, risk);
  }

  /** Forgets everything: the state of a fresh engine. */
  public void reset() {
    state = new FeatureState(settings, risk);
  }

  /** Feature names in vector order. */
  public static List<String> names() {
    return NAMES;
  }

  /** The reason code reported when feature {@code index} drives a score. */
  public static String reasonCode(int index) {
    return REASON_CODES.get(index);
  }

  /** Replaces the category and country risk tables (they come with a model version). */
  public void useRiskTables(RiskTables risk) {
    this.risk = risk;
    state.useRiskTables(risk);
  }

  /**
   * Writes the features of {@code tx} to {@code out[offset .. offset + SIZE)}, then folds it in.
   */
  public void computeAndObserve(Transaction tx, float[] out, int offset) {
    state.computeAndObserve(tx, out, offset);
  }

  /** Folds {@code tx} into the state without computing features (replay). */
  public void observe(Transaction tx) {
    state.observe(tx);
  }

  /**
   * A copy of the whole state taken now (a memory copy, milliseconds), to be written later and on
   * another thread with {@link Snapshot#writeTo} while this engine moves on. The copy goes into
   * memory kept for it, so a snapshot is valid only until the next call: a fresh 100 MB copy per
   * checkpoint was a burst of allocation and zeroing that stalled the whole JVM.
   */
  public Snapshot copyState() {
    if (spare == null) {
      spare = new FeatureState(settings, risk);
    }
    FeatureState copy = spare;
    copy.copyFrom(state);
    return out -> {
      DataOutputStream data = new DataOutputStream(out);
      copy.write(data);
      data.flush();
    };
  }

  /** A frozen copy of the feature state. */
  @FunctionalInterface
  public interface Snapshot {
    /** Writes it in the format {@link #restore} reads. */
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes the whole state; restore it with {@link #restore} into an engine of equal settings. */
  public void snapshot(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    state.write(data);
    data.flush();
  }

  /**
   * Replaces the state with a snapshot.
   *
   * @throws IOException if the snapshot is unreadable, continues past the state, or was taken with
   *     other capacities or another feature layout; the engine's state is then undefined and it
   *     should be discarded
   */
  public void restore(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    state.read(data);
    // reading to the end also lets a checksummed stream verify its checksum
    if (data.read() != -1) {
      throw new IOException("the snapshot continues past the state");
    }
  }
}
