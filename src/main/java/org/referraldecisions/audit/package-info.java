/**
 * The decision log for review boards: every decision with its exact input, output and rule set (archived
 * by content hash), linked in a hash chain; replay of a logged decision; chain verification; retention.
 */
package org.referraldecisions.audit;
