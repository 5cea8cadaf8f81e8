/** The embedded CA: root and issuing CA keys inside the station's token, device certificates issued on the station. */
package dev.hallmark.ca.embedded;
