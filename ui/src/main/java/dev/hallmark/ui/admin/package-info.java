/** The admin screen: product profiles and the HSM, CA and fixture settings, each with a connection test. */
package dev.hallmark.ui.admin;
