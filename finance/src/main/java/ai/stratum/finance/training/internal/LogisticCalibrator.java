package ai.stratum.finance.training.internal;

/**
 * Logistic regression of the label on (tree margin, MLP logit) by Newton's method: Platt scaling of
 * the pair, which both calibrates and weighs the two models. Rows carry sample weights.
 */
public final class LogisticCalibrator {

  private LogisticCalibrator() {}

  /** Returns {treeWeight, mlpWeight, bias}. */
  public static double[] fit(
      double[] tree, double[] mlp, float[] labels, float[] weights, int rows) {
    double[] beta = {1, 0, 0};
    for (int iteration = 0; iteration < 50; iteration++) {
      double[] gradient = new double[3];
      double[][] hessian = new double[3][3];
      for (int i = 0; i < rows; i++) {
        double[] x = {tree[i], mlp[i], 1};
        double z = beta[0] * x[0] + beta[1] * x[1] + beta[2];
        double p = 1 / (1 + Math.exp(-z));
        double w = weights[i];
        for (int a = 0; a < 3; a++) {
          gradient[a] += w * (labels[i] - p) * x[a];
          for (int b = 0; b < 3; b++) {
            hessian[a][b] += w * p * (1 - p) * x[a] * x[b];
          }
        }
      }
      for (int a = 0; a < 3; a++) {
        hessian[a][a] += 1e-6;
      }
      double[] delta = solve(hessian, gradient);
      double change = 0;
      for (int a = 0; a < 3; a++) {
        beta[a] += delta[a];
        change = Math.max(change, Math.abs(delta[a]));
      }
      if (change < 1e-8) {
        break;
      }
    }
    return beta;
  }

  private static double[] solve(double[][] m, double[] v) {
    int n = v.length;
    double[][] a = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], 0, a[i], 0, n);
      a[i][n] = v[i];
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int row = col + 1; row < n; row++) {
        if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
          pivot = row;
        }
      }
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      for (int row = 0; row < n; row++) {
        if (row != col) {
          double factor = a[row][col] / a[col][col];
          for (int k = col; k <= n; k++) {
            a[row][k] -= factor * a[col][k];
          }
        }
      }
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = a[i][n] / a[i][i];
    }
    return x;
  }
}
