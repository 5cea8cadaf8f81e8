/** Tests of the JDBC audit store on a real H2 file database. */
package dev.hallmark.db.store;
