/**
 * What operators run the service by: Micrometer metrics (exported at {@code /actuator/prometheus}), the
 * rule sets in {@code /actuator/info}, and the one log line per decision. Nothing here carries case data:
 * no caseRef, no request field, in any tag, gauge or log line; decisions are counted by area, rule set
 * version and outcome only (docs/CONTRACT.md "Operations").
 */
package org.referraldecisions.observability;
