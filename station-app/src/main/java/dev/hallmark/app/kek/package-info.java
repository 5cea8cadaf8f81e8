/** The transport-KEK ceremony at the station: custodians' components and the vendor's wrapped KEK into the HSM. */
package dev.hallmark.app.kek;
