package ai.stratum.medical.delivery;

import ai.stratum.core.events.EventPublisher;
import ai.stratum.core.service.PeriodicTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued outbox events to Kafka and marks each sent once the broker acknowledged it. A failed
 * send stays queued and is retried after a back-off that doubles per failure (up to a maximum), so
 * an event outlives broker outages and restarts. A crash between the acknowledgement and the mark
 * sends the event again: delivery is at-least-once, with the event id for de-duplication.
 */
public class OutboxRelay extends PeriodicTask {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int BATCH = 16;
  private static final Duration PRUNE_INTERVAL = Duration.ofHours(1);

  private final Outbox outbox;
  private final Supplier<@Nullable EventPublisher> publisher;
  private final OutboxProperties settings;
  private final Backoff backoff;
  private volatile Instant prunedAt = Instant.EPOCH;

  public OutboxRelay(
      Outbox outbox, Supplier<@Nullable EventPublisher> publisher, OutboxProperties settings) {
    super("medical-outbox-relay", settings.pollInterval());
    this.outbox = outbox;
    this.publisher = publisher;
    this.settings = settings;
    this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
  }

  /** Sends every due event once; returns how many were acknowledged. */
  public int sendDue() {
    EventPublisher events = publisher.get();
    if (events == null) {
      return 0;
    }
    int sent = 0;
    List<Outbox.Pending> due;
    do {
      // hidden from other relays for longer than one batch may take
      due = outbox.takeDue(BATCH, settings.sendTimeout().multipliedBy(BATCH + 1L));
      for (Outbox.Pending pending : due) {
        if (send(events, pending)) {
          sent++;
        }
      }
    } while (due.size() == BATCH);
    Instant now = Instant.now();
    if (prunedAt.isBefore(now.minus(PRUNE_INTERVAL))) {
      prunedAt = now;
      outbox.deleteSentBefore(now.minus(settings.keepSent()));
    }
    return sent;
  }

  private boolean send(EventPublisher events, Outbox.Pending pending) {
    try {
      events
          .publish(pending.topic(), pending.key(), pending.envelope())
          .get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
      outbox.markSent(pending.envelope().id());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      Duration wait = backoff.after(pending.attempts());
      log.warn(
          "Could not send {} {} to {} (attempt {}), retrying in {}: {}",
          pending.envelope().type(),
          pending.envelope().id(),
          pending.topic().topicName(),
          pending.attempts() + 1,
          wait,
          e.toString());
      outbox.markFailed(pending.envelope().id(), e.toString(), Instant.now().plus(wait));
      return false;
    }
  }

  @Override
  protected void runOnce() {
    sendDue();
  }

  @Override
  public void start() {
    super.start();
    // events queued while no relay ran go out now, not one poll interval later
    nudge();
  }
}
