package ai.stratum.core.inference.serving;

import ai.stratum.core.inference.DeadlineExceededException;
import ai.stratum.core.inference.InvalidModelInputException;
import ai.stratum.core.inference.ModelExecutionException;
import ai.stratum.core.inference.ModelLoadException;
import ai.stratum.core.inference.ModelOverloadedException;
import ai.stratum.core.inference.ModelRef;
import ai.stratum.core.inference.Tensor;
import ai.stratum.core.inference.TensorSpec;
import ai.stratum.core.inference.runtime.ComputeDevice;
import ai.stratum.core.inference.runtime.LoadedModel;
import ai.stratum.core.inference.runtime.ModelPredictor;
import ai.stratum.core.inference.runtime.ModelRuntime;
import ai.stratum.core.inference.serving.internal.DynamicBatcher;
import ai.stratum.core.web.InvalidField;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/** One model version in service: loaded on each device, with a batcher per device. */
final class ServedVersion {

  private final ModelDeployment deployment;
  private final List<LoadedModel> loaded = new ArrayList<>();
  private final List<DynamicBatcher<List<Tensor>, Prediction>> batchers = new ArrayList<>();
  private final boolean fixedShapes;
  // predictors for callers that bring their own batch (runBatch), created on first need and
  // reused; as many as callers ran at once
  private final ConcurrentLinkedQueue<ModelPredictor> callerPredictors =
      new ConcurrentLinkedQueue<>();
  private final ReentrantReadWriteLock callerAdmission = new ReentrantReadWriteLock();
  private boolean closedToCallers;

  private ServedVersion(ModelDeployment deployment) {
    this.deployment = deployment;
    this.fixedShapes =
        deployment.signature().inputs().stream().allMatch(spec -> !spec.shape().contains(-1L));
  }

  /** Loads, starts and warms the version on every device; on failure nothing stays loaded. */
  static ServedVersion start(
      ModelDeployment deployment,
      ModelRuntime runtime,
      List<ComputeDevice> devices,
      ScheduledExecutorService deadlines,
      MeterRegistry meters) {
    ServedVersion version = new ServedVersion(deployment);
    ModelRef ref = deployment.model();
    BatchingSettings batching = deployment.batching();
    DynamicBatcher.Errors errors = version.errors();
    try {
      for (ComputeDevice device : devices) {
        LoadedModel model =
            runtime.load(ref, deployment.signature(), deployment.artifact(), device);
        version.loaded.add(model);
        version.batchers.add(
            new DynamicBatcher<>(
                ref.name() + "-v" + ref.version() + "-" + device,
                new DynamicBatcher.Settings(
                    batching.maxBatchSize(),
                    batching.maxDelay(),
                    batching.queueCapacity(),
                    batching.workers()),
                () -> version.newHandler(model),
                errors,
                deadlines,
                meters,
                Tags.of(
                    "model",
                    ref.name(),
                    "version",
                    Integer.toString(ref.version()),
                    "device",
                    device.toString())));
      }
      return version;
    } catch (RuntimeException e) {
      version.close(Duration.ZERO);
      throw e;
    }
  }

  ModelRef ref() {
    return deployment.model();
  }

  Duration defaultTimeout() {
    return deployment.batching().timeout();
  }

  /**
   * Null when the inputs fit the signature; otherwise the error naming the model and what it
   * expected.
   */
  @Nullable InvalidModelInputException validate(List<Tensor> inputs) {
    List<TensorSpec> specs = deployment.signature().inputs();
    List<InvalidField> problems = new ArrayList<>();
    if (inputs.size() != specs.size()) {
      problems.add(
          new InvalidField(
              "inputs",
              "expected "
                  + specs.size()
                  + " input(s) "
                  + describe(specs)
                  + ", got "
                  + inputs.size()));
    } else {
      for (int i = 0; i < specs.size(); i++) {
        TensorSpec spec = specs.get(i);
        Tensor input = inputs.get(i);
        if (!spec.accepts(input)) {
          problems.add(
              new InvalidField(
                  spec.name(), "expected " + spec.describe() + ", got " + input.describe()));
        }
      }
    }
    if (problems.isEmpty()) {
      return null;
    }
    StringBuilder detail =
        new StringBuilder("Inputs do not match model ").append(ref()).append(':');
    problems.forEach(p ->
        detail.append(" input '").append(p.field()).append("' ").append(p.message()).append(';'));
    detail.setCharAt(detail.length() - 1, '.');
    return new InvalidModelInputException(detail.toString(), problems);
  }

  /**
   * @throws DynamicBatcher.ClosedException when this version is being replaced or removed
   */
  CompletableFuture<Prediction> submit(List<Tensor> inputs, Duration timeout) {
    DynamicBatcher<List<Tensor>, Prediction> target = batchers.getFirst();
    for (int i = 1; i < batchers.size(); i++) {
      if (batchers.get(i).queueDepth() < target.queueDepth()) {
        target = batchers.get(i);
      }
    }
    return target.submit(inputs, timeout);
  }

  /**
   * Runs a batch the caller already formed on the caller's thread, with a predictor of the first
   * device's model.
   *
   * @param batchedInputs one tensor per signature input, samples stacked along a leading dimension
   * @return one tensor per signature output with the same leading dimension, or null when this
   *     version is being replaced or removed (the caller retries with the successor)
   */
  @Nullable List<Tensor> runBatch(List<Tensor> batchedInputs) {
    callerAdmission.readLock().lock();
    try {
      if (closedToCallers) {
        return null;
      }
      ModelPredictor predictor = callerPredictors.poll();
      if (predictor == null) {
        predictor = loaded.getFirst().newPredictor();
      }
      try {
        return checkedOutputs(predictor.predict(batchedInputs), batchedInputs);
      } catch (RuntimeException e) {
        throw new ModelExecutionException(
            ref(), Math.toIntExact(batchedInputs.getFirst().dimension(0)), e);
      } finally {
        callerPredictors.add(predictor);
      }
    } finally {
      callerAdmission.readLock().unlock();
    }
  }

  /**
   * Null when every input is a stack of samples that fit the signature; otherwise the error naming
   * the model and what it expected.
   */
  @Nullable InvalidModelInputException validateBatch(List<Tensor> batchedInputs) {
    List<Tensor> firstSamples = new ArrayList<>(batchedInputs.size());
    long rows = -1;
    for (Tensor input : batchedInputs) {
      if (input.rank() == 0
          || input.dimension(0) < 1
          || (rows != -1 && input.dimension(0) != rows)) {
        return new InvalidModelInputException(
            "Inputs do not match model "
                + ref()
                + ": every input needs the same leading batch dimension of at least 1, got "
                + input.describe()
                + ".",
            List.of(new InvalidField("inputs", "expected a batch, got " + input.describe())));
      }
      rows = input.dimension(0);
      firstSamples.add(
          Tensor.zeros(input.dataType(), Arrays.copyOfRange(input.shape(), 1, input.rank())));
    }
    return validate(firstSamples);
  }

  /** Finishes what is queued, then frees predictors and models. */
  void close(Duration drainTimeout) {
    batchers.forEach(batcher -> batcher.close(drainTimeout));
    callerAdmission.writeLock().lock();
    try {
      closedToCallers = true;
      callerPredictors.forEach(ModelPredictor::close);
      callerPredictors.clear();
    } finally {
      callerAdmission.writeLock().unlock();
    }
    loaded.forEach(LoadedModel::close);
  }

  private DynamicBatcher.BatchHandler<List<Tensor>, Prediction> newHandler(LoadedModel model) {
    ModelPredictor predictor = model.newPredictor();
    try {
      warmUp(predictor);
    } catch (RuntimeException e) {
      predictor.close();
      throw e;
    }
    return new DynamicBatcher.BatchHandler<>() {
      @Override
      public List<Prediction> handle(List<List<Tensor>> batch) {
        return fixedShapes ? runStacked(predictor, batch) : runGroupedByShape(predictor, batch);
      }

      @Override
      public void close() {
        predictor.close();
      }
    };
  }

  /**
   * Runs zero inputs at batch size 1 and at the maximum, so the engine has allocated its buffers
   * before the version takes traffic, and checks the outputs against the signature.
   */
  private void warmUp(ModelPredictor predictor) {
    List<Tensor> sample = new ArrayList<>();
    for (TensorSpec spec : deployment.signature().inputs()) {
      sample.add(
          Tensor.zeros(
              spec.dataType(), spec.shape().stream().mapToLong(d -> d == -1 ? 1 : d).toArray()));
    }
    for (int size : IntStream.of(1, deployment.batching().maxBatchSize()).distinct().toArray()) {
      List<Prediction> predictions = runStacked(predictor, Collections.nCopies(size, sample));
      List<TensorSpec> outputs = deployment.signature().outputs();
      for (int i = 0; i < outputs.size(); i++) {
        Tensor produced = predictions.getFirst().outputs().get(i);
        if (!outputs.get(i).accepts(produced)) {
          throw new ModelLoadException(
              ref(),
              "output '"
                  + outputs.get(i).name()
                  + "' should be "
                  + outputs.get(i).describe()
                  + " but the model produced "
                  + produced.describe());
        }
      }
    }
  }

  private List<Prediction> runStacked(ModelPredictor predictor, List<List<Tensor>> samples) {
    int inputCount = deployment.signature().inputs().size();
    List<Tensor> batched = new ArrayList<>(inputCount);
    for (int input = 0; input < inputCount; input++) {
      List<Tensor> column = new ArrayList<>(samples.size());
      for (List<Tensor> sample : samples) {
        column.add(sample.get(input));
      }
      batched.add(Tensor.stack(column));
    }
    List<Tensor> outputs = checkedOutputs(predictor.predict(batched), batched);
    int outputCount = outputs.size();
    List<List<Tensor>> perOutput = new ArrayList<>(outputCount);
    for (Tensor output : outputs) {
      perOutput.add(output.unstack());
    }
    List<Prediction> predictions = new ArrayList<>(samples.size());
    for (int sample = 0; sample < samples.size(); sample++) {
      List<Tensor> sampleOutputs = new ArrayList<>(outputCount);
      for (List<Tensor> output : perOutput) {
        sampleOutputs.add(output.get(sample));
      }
      predictions.add(new Prediction(ref(), sampleOutputs));
    }
    return predictions;
  }

  /** The outputs, after checking there is one per signature output, each as long as the batch. */
  private List<Tensor> checkedOutputs(List<Tensor> outputs, List<Tensor> batched) {
    int outputCount = deployment.signature().outputs().size();
    if (outputs.size() != outputCount) {
      throw new IllegalStateException(
          "model "
              + ref()
              + " returned "
              + outputs.size()
              + " outputs, signature has "
              + outputCount);
    }
    long rows = batched.getFirst().dimension(0);
    for (Tensor output : outputs) {
      if (output.rank() == 0 || output.dimension(0) != rows) {
        throw new IllegalStateException(
            "model " + ref() + " returned " + output.describe() + " for a batch of " + rows);
      }
    }
    return outputs;
  }

  /**
   * Inputs with free dimensions can differ in size; only samples of equal shapes are stacked
   * together.
   */
  private List<Prediction> runGroupedByShape(ModelPredictor predictor, List<List<Tensor>> samples) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < samples.size(); i++) {
      StringBuilder key = new StringBuilder();
      for (Tensor input : samples.get(i)) {
        key.append(Arrays.toString(input.shape()));
      }
      groups.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(i);
    }
    Prediction[] predictions = new Prediction[samples.size()];
    for (List<Integer> group : groups.values()) {
      List<Prediction> groupPredictions =
          runStacked(predictor, group.stream().map(samples::get).toList());
      for (int i = 0; i < group.size(); i++) {
        predictions[group.get(i)] = groupPredictions.get(i);
      }
    }
    return Arrays.asList(predictions);
  }

  private DynamicBatcher.Errors errors() {
    ModelRef ref = ref();
    BatchingSettings batching = deployment.batching();
    return new DynamicBatcher.Errors() {
      @Override
      public RuntimeException queueFull(int capacity) {
        return ModelOverloadedException.queueFull(ref, capacity, batching.retryAfter());
      }

      @Override
      public RuntimeException deadlineExceeded(Duration timeout) {
        return new DeadlineExceededException(ref, timeout);
      }

      @Override
      public RuntimeException batchFailed(int batchSize, Throwable cause) {
        return new ModelExecutionException(ref, batchSize, cause);
      }

      @Override
      public RuntimeException closedBeforeRun() {
        return ModelOverloadedException.retired(ref, batching.retryAfter());
      }
    };
  }

  private static String describe(List<TensorSpec> specs) {
    return specs.stream().map(spec -> spec.name() + " " + spec.describe()).toList().toString();
  }
}
