package ai.stratum.finance.training.internal;

import ai.stratum.finance.features.FeatureEngine;
import java.util.Arrays;

/** Feature rows with labels and sample weights, grown as rows are added. */
public final class Dataset {

  private static final int N = FeatureEngine.SIZE;

  private float[] features = new float[1024 * N];
  private float[] labels = new float[1024];
  private float[] weights = new float[1024];
  private String[] patterns = new String[1024];
  private int rows;

  public void add(float[] row, boolean fraud, float weight, String pattern) {
    if (rows == labels.length) {
      int capacity = rows * 2;
      features = Arrays.copyOf(features, capacity * N);
      labels = Arrays.copyOf(labels, capacity);
      weights = Arrays.copyOf(weights, capacity);
      patterns = Arrays.copyOf(patterns, capacity);
    }
    System.arraycopy(row, 0, features, rows * N, N);
    labels[rows] = fraud ? 1 : 0;
    weights[rows] = weight;
    patterns[rows] = pattern;
    rows++;
  }

  public int rows() {
    return rows;
  }

  public float[] features() {
    return Arrays.copyOf(features, rows * N);
  }

  public float[] featuresView() {
    return features;
  }

  public float[] labels() {
    return Arrays.copyOf(labels, rows);
  }

  public float[] weights() {
    return Arrays.copyOf(weights, rows);
  }

  public boolean fraud(int row) {
    return labels[row] > 0.5f;
  }

  public String pattern(int row) {
    return patterns[row];
  }

  public long frauds() {
    long frauds = 0;
    for (int i = 0; i < rows; i++) {
      if (labels[i] > 0.5f) {
        frauds++;
      }
    }
    return frauds;
  }
}
