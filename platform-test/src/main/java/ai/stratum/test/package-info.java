/**
 * JUnit 5 support: {@link ai.stratum.test.RealInfrastructure} gives a test class a real PostgreSQL
 * and a real Kafka broker, started once per test JVM and shared by every test class in it.
 */
@NullMarked
package ai.stratum.test;

import org.jspecify.annotations.NullMarked;
