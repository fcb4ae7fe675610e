package ai.stratum.finance.features.internal;

/** 64-bit identity hashes for entity keys (FNV-1a with a murmur finaliser); never 0. */
public final class Hashing {

  private Hashing() {}

  public static long of(long seed, String value) {
    long hash = 0xcbf29ce484222325L ^ seed;
    for (int i = 0; i < value.length(); i++) {
      hash ^= value.charAt(i);
      hash *= 0x100000001b3L;
    }
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb9fe1a85ec53L;
    hash ^= hash >>> 33;
    return hash == 0 ? 1 : hash;
  }

  public static long of(String value) {
    return of(0, value);
  }

  /** A 32-bit fingerprint for distinct counts inside one entity's history; never 0. */
  public static int fingerprint(long hash) {
    int folded = (int) (hash ^ (hash >>> 32));
    return folded == 0 ? 1 : folded;
  }
}
