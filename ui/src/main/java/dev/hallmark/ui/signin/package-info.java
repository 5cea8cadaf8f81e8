/**
 * Sign-in and approvals in the station window: the sign-in screen, who is signed in (header, sign-out, idle
 * sign-out), the role gate of every screen and action, and the inline confirmation and second-person approval of
 * a permanently locking lot. The policy itself (roles, lockout, two-person rule, action log) is the engine's,
 * reached through {@link dev.hallmark.ui.signin.StationGate}, which station-app implements.
 */
package dev.hallmark.ui.signin;
