/**
 * Who the caller is: API keys (checked by their SHA-256) or JWTs, and the roles they carry. Shared by every door
 * that authenticates people (the HTTP API, the explorer); what each role may do is decided by each door.
 */
package org.referraldecisions.access;
