package ai.stratum.finance.features.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Bulk, length-checked array I/O for state snapshots. */
final class StateIo {

  private static final int CHUNK = 1 << 16;

  private StateIo() {}

  static void write(DataOutputStream out, long[] values) throws IOException {
    out.writeInt(values.length);
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK * Long.BYTES);
    for (int start = 0; start < values.length; start += CHUNK) {
      int n = Math.min(CHUNK, values.length - start);
      buffer.clear();
      buffer.asLongBuffer().put(values, start, n);
      out.write(buffer.array(), 0, n * Long.BYTES);
    }
  }

  static void write(DataOutputStream out, int[] values) throws IOException {
    out.writeInt(values.length);
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK * Integer.BYTES);
    for (int start = 0; start < values.length; start += CHUNK) {
      int n = Math.min(CHUNK, values.length - start);
      buffer.clear();
      buffer.asIntBuffer().put(values, start, n);
      out.write(buffer.array(), 0, n * Integer.BYTES);
    }
  }

  static void write(DataOutputStream out, float[] values) throws IOException {
    out.writeInt(values.length);
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK * Float.BYTES);
    for (int start = 0; start < values.length; start += CHUNK) {
      int n = Math.min(CHUNK, values.length - start);
      buffer.clear();
      buffer.asFloatBuffer().put(values, start, n);
      out.write(buffer.array(), 0, n * Float.BYTES);
    }
  }

  static void write(DataOutputStream out, byte[] values) throws IOException {
    out.writeInt(values.length);
    out.write(values);
  }

  static void read(DataInputStream in, long[] values) throws IOException {
    requireLength(in, values.length);
    byte[] bytes = new byte[CHUNK * Long.BYTES];
    for (int start = 0; start < values.length; start += CHUNK) {
      int n = Math.min(CHUNK, values.length - start);
      in.readFully(bytes, 0, n * Long.BYTES);
      ByteBuffer.wrap(bytes, 0, n * Long.BYTES).asLongBuffer().get(values, start, n);
    }
  }

  static void read(DataInputStream in, int[] values) throws IOException {
    requireLength(in, values.length);
    byte[] bytes = new byte[CHUNK * Integer.BYTES];
    for (int start = 0; start < values.length; start += CHUNK) {
      int n = Math.min(CHUNK, values.length - start);
      in.readFully(bytes, 0, n * Integer.BYTES);
      ByteBuffer.wrap(bytes, 0, n * Integer.BYTES).asIntBuffer().get(values, start, n);
    }
  }

  static void read(DataInputStream in, float[] values) throws IOException {
    requireLength(in, values.length);
    byte[] bytes = new byte[CHUNK * Float.BYTES];
    for (int start = 0; start < values.length; start += CHUNK) {
      int n = Math.min(CHUNK, values.length - start);
      in.readFully(bytes, 0, n * Float.BYTES);
      ByteBuffer.wrap(bytes, 0, n * Float.BYTES).asFloatBuffer().get(values, start, n);
    }
  }

  static void read(DataInputStream in, byte[] values) throws IOException {
    requireLength(in, values.length);
    in.readFully(values);
  }

  private static void requireLength(DataInputStream in, int expected) throws IOException {
    int length = in.readInt();
    if (length != expected) {
      throw new IOException(
          "snapshot holds an array of "
              + length
              + " where "
              + expected
              + " were expected;"
              + " it was taken with other capacities");
    }
  }
}
