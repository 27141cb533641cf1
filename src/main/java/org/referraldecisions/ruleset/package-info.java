/**
 * Rule sets as data: finds them under {@code rules/}, reads their manifests, hashes and compiles them,
 * and keeps the compiled catalogue that decisions are made against. No Spring here.
 */
package org.referraldecisions.ruleset;
