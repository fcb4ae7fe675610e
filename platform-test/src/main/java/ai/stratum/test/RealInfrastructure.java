package ai.stratum.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against a real PostgreSQL and a real Kafka broker.
 *
 * <p>Both start once per test JVM (see {@link SharedInfrastructure}) before the first annotated
 * class, and the system properties {@code spring.datasource.url}, {@code
 * spring.datasource.username}, {@code spring.datasource.password} and {@code
 * spring.kafka.bootstrap-servers} point at them, so a {@code @SpringBootTest} picks them up with no
 * further configuration. Put it before {@code @SpringBootTest} or anywhere: the servers run before
 * the Spring context is created either way.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealInfrastructureExtension.class)
public @interface RealInfrastructure {}
