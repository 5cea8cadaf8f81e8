/** ISO/IEC 27402 on the station: the class declarations, the parts' capabilities, the class check before a lot, the lot report. */
package dev.hallmark.app.conformity;
