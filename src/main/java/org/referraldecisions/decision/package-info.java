/**
 * The decision engine: turns a case's facts into a {@link org.referraldecisions.decision.Decision} by
 * running a compiled rule set in a stateless session, and records which rules fired and why.
 * Usable without Spring: the HTTP API, the command line, golden cases and benchmarks all call it.
 */
package org.referraldecisions.decision;
