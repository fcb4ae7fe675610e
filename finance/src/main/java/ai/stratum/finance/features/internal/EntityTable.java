package ai.stratum.finance.features.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A fixed-size map from entity hash to slot: open addressing with a probe window of {@value
 * #PROBES} slots. When the window holds no free slot and not the key, the least recently seen
 * entity of the window is evicted and its slot reused, so memory never grows. Slots never become
 * free again, which keeps every key reachable within its window.
 */
public final class EntityTable {

  static final int PROBES = 16;

  private final int mask;
  private final long[] keys;
  private final long[] lastSeen;
  private boolean lastClaimWasNew;

  public EntityTable(int capacity) {
    int size = Integer.highestOneBit(Math.max(capacity, PROBES) - 1) << 1;
    this.mask = size - 1;
    this.keys = new long[size];
    this.lastSeen = new long[size];
  }

  /**
   * Overwrites this state with {@code source}, which has the same capacities: a memory copy into
   * arrays that already exist, for snapshots.
   */
  void copyFrom(EntityTable source) {
    System.arraycopy(source.keys, 0, keys, 0, keys.length);
    System.arraycopy(source.lastSeen, 0, lastSeen, 0, lastSeen.length);
  }

  public int slots() {
    return keys.length;
  }

  /**
   * The slot of {@code key}, claimed for it if absent (see {@link #lastClaimWasNew()}); marks the
   * entity as seen at {@code time}.
   */
  public int claim(long key, long time) {
    int home = (int) (key ^ (key >>> 32)) & mask;
    int victim = -1;
    long victimSeen = Long.MAX_VALUE;
    for (int probe = 0; probe < PROBES; probe++) {
      int slot = (home + probe) & mask;
      long stored = keys[slot];
      if (stored == key) {
        lastSeen[slot] = Math.max(lastSeen[slot], time);
        lastClaimWasNew = false;
        return slot;
      }
      if (stored == 0) {
        return take(slot, key, time);
      }
      if (lastSeen[slot] < victimSeen) {
        victimSeen = lastSeen[slot];
        victim = slot;
      }
    }
    return take(victim, key, time);
  }

  /** Whether the last {@link #claim} gave a fresh slot whose entity state must start empty. */
  public boolean lastClaimWasNew() {
    return lastClaimWasNew;
  }

  private int take(int slot, long key, long time) {
    keys[slot] = key;
    lastSeen[slot] = time;
    lastClaimWasNew = true;
    return slot;
  }

  void write(DataOutputStream out) throws IOException {
    StateIo.write(out, keys);
    StateIo.write(out, lastSeen);
  }

  void read(DataInputStream in) throws IOException {
    StateIo.read(in, keys);
    StateIo.read(in, lastSeen);
  }
}
