/**
 * Golden cases: example cases with the decision the protocol requires, kept as JSON files under
 * {@code test-cases/}. One runner serves the JUnit suite, the command line and the gated reload.
 */
package org.referraldecisions.golden;
