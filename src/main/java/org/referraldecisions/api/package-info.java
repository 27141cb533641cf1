/**
 * The HTTP contract, version 1: request and response types, strict reading and validation of
 * requests (every offending field named, nothing half-read), problem+json errors and controllers.
 */
package org.referraldecisions.api;
