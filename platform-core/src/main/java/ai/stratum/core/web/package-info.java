/**
 * The error model of every Stratum HTTP API: RFC 9457 problem details with {@code type} URIs under
 * {@value ai.stratum.core.web.ProblemTypes#BASE}, and the exceptions services throw to produce
 * them.
 */
@NullMarked
package ai.stratum.core.web;

import org.jspecify.annotations.NullMarked;
