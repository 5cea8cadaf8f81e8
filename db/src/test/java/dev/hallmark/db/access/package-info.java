/** Tests of the operator, action-log and conformity tables on H2. */
package dev.hallmark.db.access;
