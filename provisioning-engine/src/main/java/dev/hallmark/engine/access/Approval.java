package dev.hallmark.engine.access;

import java.time.Instant;

/** The second person's consent under the two-person rule: who approved which action for whom, and when. */
public record Approval(Action action, SignedIn requester, SignedIn approver, Instant at) {
}
