/**
 * Facts the rules reason over: what the calling system told us about a case (inputs) and what the
 * rules concluded (conclusions). All are immutable records; rules insert conclusions, never change inputs.
 */
package org.referraldecisions.decision.facts;
