package ai.stratum.core.web;

import ai.stratum.core.tenancy.TenantContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints that fail in each of the ways the problem details advice must render. */
@RestController
class ProblemTestController {

  record CaseRequest(@NotBlank String title, @Positive int priority) {}

  @PostMapping("/cases")
  String create(@Valid @RequestBody CaseRequest request) {
    return request.title();
  }

  @GetMapping("/cases/{id}")
  String find(@PathVariable String id) {
    throw new NotFoundException("case", id);
  }

  @PostMapping("/cases/{id}/close")
  String close(@PathVariable String id) {
    throw new ConflictException("Case " + id + " is already closed.");
  }

  @PostMapping("/uploads")
  String upload() {
    throw new PayloadTooLargeException(1024);
  }

  @GetMapping("/scores")
  String score(@RequestParam @Positive int limit) {
    throw new OverloadedException("The scoring queue is full.", Duration.ofMillis(1500));
  }

  @GetMapping("/crash")
  String crash() {
    throw new IllegalStateException("connection to db-7.internal:5432 refused for user admin");
  }

  @GetMapping("/tenant")
  String tenant() {
    return TenantContext.require().value();
  }
}
