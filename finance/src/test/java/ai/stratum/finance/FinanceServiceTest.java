package ai.stratum.finance;

import ai.stratum.test.RealInfrastructure;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole finance service on a random port against the real PostgreSQL and Kafka broker. Every
 * test class with this annotation shares one Spring context, so the test JVM builds it once. The
 * feature state is small: the JVM also hosts the brokers and other contexts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RealInfrastructure
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "stratum.finance.features.cards=4096",
      "stratum.finance.features.accounts=4096",
      "stratum.finance.features.merchants=1024",
      "stratum.finance.features.devices=4096"
    })
public @interface FinanceServiceTest {}
