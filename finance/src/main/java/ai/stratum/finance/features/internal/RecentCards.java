package ai.stratum.finance.features.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The last few cards seen at a merchant or on a device, with times and amounts, indexed by the
 * owning table's slots: enough to count distinct cards in short windows (card testing, collusion,
 * shared devices).
 */
final class RecentCards {

  private final int depth;
  private final int[] card;
  private final long[] time;
  private final float[] amount;
  private final int[] head;
  private final int[] size;

  RecentCards(int slots, int depth) {
    this.depth = depth;
    card = new int[slots * depth];
    time = new long[slots * depth];
    amount = new float[slots * depth];
    head = new int[slots];
    size = new int[slots];
  }

  /**
   * Overwrites this state with {@code source}, which has the same capacities: a memory copy into
   * arrays that already exist, for snapshots.
   */
  void copyFrom(RecentCards source) {
    System.arraycopy(source.card, 0, card, 0, card.length);
    System.arraycopy(source.time, 0, time, 0, time.length);
    System.arraycopy(source.amount, 0, amount, 0, amount.length);
    System.arraycopy(source.head, 0, head, 0, head.length);
    System.arraycopy(source.size, 0, size, 0, size.length);
  }

  void reset(int slot) {
    head[slot] = 0;
    size[slot] = 0;
  }

  void append(int slot, int cardPrint, long eventTime, float eventAmount) {
    int index = slot * depth + head[slot];
    card[index] = cardPrint;
    time[index] = eventTime;
    amount[index] = eventAmount;
    head[slot] = (head[slot] + 1) % depth;
    size[slot] = Math.min(size[slot] + 1, depth);
  }

  /** Distinct cards among the remembered events within {@code windowMillis} before {@code now}. */
  int distinctCards(int slot, long now, long windowMillis) {
    int base = slot * depth;
    int distinct = 0;
    for (int i = 0; i < size[slot]; i++) {
      int index = base + Math.floorMod(head[slot] - 1 - i, depth);
      if (now - time[index] >= windowMillis) {
        continue;
      }
      boolean seen = false;
      for (int j = 0; j < i && !seen; j++) {
        int newer = base + Math.floorMod(head[slot] - 1 - j, depth);
        seen = card[newer] == card[index] && now - time[newer] < windowMillis;
      }
      if (!seen) {
        distinct++;
      }
    }
    return distinct;
  }

  /** Share of remembered events within the window with an amount below {@code below}. */
  float shareBelow(int slot, long now, long windowMillis, float below) {
    int base = slot * depth;
    int inWindow = 0;
    int small = 0;
    for (int i = 0; i < size[slot]; i++) {
      int index = base + Math.floorMod(head[slot] - 1 - i, depth);
      if (now - time[index] < windowMillis) {
        inWindow++;
        if (amount[index] < below) {
          small++;
        }
      }
    }
    return inWindow == 0 ? 0 : (float) small / inWindow;
  }

  void write(DataOutputStream out) throws IOException {
    StateIo.write(out, card);
    StateIo.write(out, time);
    StateIo.write(out, amount);
    StateIo.write(out, head);
    StateIo.write(out, size);
  }

  void read(DataInputStream in) throws IOException {
    StateIo.read(in, card);
    StateIo.read(in, time);
    StateIo.read(in, amount);
    StateIo.read(in, head);
    StateIo.read(in, size);
  }
}
