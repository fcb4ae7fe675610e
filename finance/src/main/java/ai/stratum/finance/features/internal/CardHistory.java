package ai.stratum.finance.features.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * What only cards keep, indexed by the card table's slots: a ring of the last {@value #EVENTS}
 * events (for distinct counts, mixes and repeats), the last card-present location, a home centroid,
 * hour-of-day and day-of-week histograms and the largest amount seen.
 */
final class CardHistory {

  static final int EVENTS = 24;
  static final int NONE = 0;

  final long[] time;
  final int[] merchant;
  final int[] country;
  final int[] device;
  final short[] category;
  final byte[] channel;
  final byte[] entryMode;
  final float[] amount;
  final byte[] cardPresent;
  final int[] head;
  final int[] size;
  final float[] lastPresentLatitude;
  final float[] lastPresentLongitude;
  final long[] lastPresentTime;
  final float[] homeLatitude;
  final float[] homeLongitude;
  final float[] homeWeight;
  final float[] hours;
  final float[] weekdays;
  final float[] maxAmount;

  CardHistory(int slots) {
    time = new long[slots * EVENTS];
    merchant = new int[slots * EVENTS];
    country = new int[slots * EVENTS];
    device = new int[slots * EVENTS];
    category = new short[slots * EVENTS];
    channel = new byte[slots * EVENTS];
    entryMode = new byte[slots * EVENTS];
    amount = new float[slots * EVENTS];
    cardPresent = new byte[slots * EVENTS];
    head = new int[slots];
    size = new int[slots];
    lastPresentLatitude = new float[slots];
    lastPresentLongitude = new float[slots];
    lastPresentTime = new long[slots];
    homeLatitude = new float[slots];
    homeLongitude = new float[slots];
    homeWeight = new float[slots];
    hours = new float[slots * 24];
    weekdays = new float[slots * 7];
    maxAmount = new float[slots];
  }

  /**
   * Overwrites this state with {@code source}, which has the same capacities: a memory copy into
   * arrays that already exist, for snapshots.
   */
  void copyFrom(CardHistory source) {
    System.arraycopy(source.time, 0, time, 0, time.length);
    System.arraycopy(source.merchant, 0, merchant, 0, merchant.length);
    System.arraycopy(source.country, 0, country, 0, country.length);
    System.arraycopy(source.device, 0, device, 0, device.length);
    System.arraycopy(source.category, 0, category, 0, category.length);
    System.arraycopy(source.channel, 0, channel, 0, channel.length);
    System.arraycopy(source.entryMode, 0, entryMode, 0, entryMode.length);
    System.arraycopy(source.amount, 0, amount, 0, amount.length);
    System.arraycopy(source.cardPresent, 0, cardPresent, 0, cardPresent.length);
    System.arraycopy(source.head, 0, head, 0, head.length);
    System.arraycopy(source.size, 0, size, 0, size.length);
    System.arraycopy(
        source.lastPresentLatitude, 0, lastPresentLatitude, 0, lastPresentLatitude.length);
    System.arraycopy(
        source.lastPresentLongitude, 0, lastPresentLongitude, 0, lastPresentLongitude.length);
    System.arraycopy(source.lastPresentTime, 0, lastPresentTime, 0, lastPresentTime.length);
    System.arraycopy(source.homeLatitude, 0, homeLatitude, 0, homeLatitude.length);
    System.arraycopy(source.homeLongitude, 0, homeLongitude, 0, homeLongitude.length);
    System.arraycopy(source.homeWeight, 0, homeWeight, 0, homeWeight.length);
    System.arraycopy(source.hours, 0, hours, 0, hours.length);
    System.arraycopy(source.weekdays, 0, weekdays, 0, weekdays.length);
    System.arraycopy(source.maxAmount, 0, maxAmount, 0, maxAmount.length);
  }

  void reset(int slot) {
    head[slot] = 0;
    size[slot] = 0;
    lastPresentTime[slot] = Long.MIN_VALUE;
    homeWeight[slot] = 0;
    Arrays.fill(hours, slot * 24, slot * 24 + 24, 0);
    Arrays.fill(weekdays, slot * 7, slot * 7 + 7, 0);
    maxAmount[slot] = 0;
  }

  /** Index into the ring arrays of the i-th most recent event (0 = newest). */
  int recent(int slot, int i) {
    return slot * EVENTS + Math.floorMod(head[slot] - 1 - i, EVENTS);
  }

  void append(
      int slot,
      long eventTime,
      int merchantPrint,
      int countryCode,
      int devicePrint,
      short categoryCode,
      byte channelOrdinal,
      byte entryOrdinal,
      float eventAmount,
      boolean present) {
    int index = slot * EVENTS + head[slot];
    time[index] = eventTime;
    merchant[index] = merchantPrint;
    country[index] = countryCode;
    device[index] = devicePrint;
    category[index] = categoryCode;
    channel[index] = channelOrdinal;
    entryMode[index] = entryOrdinal;
    amount[index] = eventAmount;
    cardPresent[index] = (byte) (present ? 1 : 0);
    head[slot] = (head[slot] + 1) % EVENTS;
    size[slot] = Math.min(size[slot] + 1, EVENTS);
  }

  void write(DataOutputStream out) throws IOException {
    StateIo.write(out, time);
    StateIo.write(out, merchant);
    StateIo.write(out, country);
    StateIo.write(out, device);
    StateIo.write(out, shortsAsInts(category));
    StateIo.write(out, channel);
    StateIo.write(out, entryMode);
    StateIo.write(out, amount);
    StateIo.write(out, cardPresent);
    StateIo.write(out, head);
    StateIo.write(out, size);
    StateIo.write(out, lastPresentLatitude);
    StateIo.write(out, lastPresentLongitude);
    StateIo.write(out, lastPresentTime);
    StateIo.write(out, homeLatitude);
    StateIo.write(out, homeLongitude);
    StateIo.write(out, homeWeight);
    StateIo.write(out, hours);
    StateIo.write(out, weekdays);
    StateIo.write(out, maxAmount);
  }

  void read(DataInputStream in) throws IOException {
    StateIo.read(in, time);
    StateIo.read(in, merchant);
    StateIo.read(in, country);
    StateIo.read(in, device);
    int[] categories = new int[category.length];
    StateIo.read(in, categories);
    for (int i = 0; i < categories.length; i++) {
      category[i] = (short) categories[i];
    }
    StateIo.read(in, channel);
    StateIo.read(in, entryMode);
    StateIo.read(in, amount);
    StateIo.read(in, cardPresent);
    StateIo.read(in, head);
    StateIo.read(in, size);
    StateIo.read(in, lastPresentLatitude);
    StateIo.read(in, lastPresentLongitude);
    StateIo.read(in, lastPresentTime);
    StateIo.read(in, homeLatitude);
    StateIo.read(in, homeLongitude);
    StateIo.read(in, homeWeight);
    StateIo.read(in, hours);
    StateIo.read(in, weekdays);
    StateIo.read(in, maxAmount);
  }

  private static int[] shortsAsInts(short[] values) {
    int[] ints = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      ints[i] = values[i];
    }
    return ints;
  }
}
