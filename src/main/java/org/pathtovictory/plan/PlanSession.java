package org.pathtovictory.plan;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.pathtovictory.board.Viewer;
import org.pathtovictory.board.Viewers;
import org.pathtovictory.modeling.ProcessEditors;
import org.pathtovictory.system.SessionCsrf;
import org.springframework.stereotype.Component;

/**
 * Who uses the plan editor: the user signed in to Tasklist in this browser ({@link Viewers}), who
 * must be a process editor. Engine work on their behalf runs with them as the engine's
 * authenticated user, so the engine's authorization checks and its user operation log apply.
 */
@Component
class PlanSession {

  static final String CSRF_HEADER = "X-PTV-CSRF";
  static final String ONLY_EDITORS =
      "Only process editors (Indivisible Organizers, process-editors, administrators) may open the"
          + " plan editor. Ask an Indivisible Organizer to make the change for you.";

  private final Viewers viewers;
  private final IdentityService identityService;

  PlanSession(Viewers viewers, IdentityService identityService) {
    this.viewers = viewers;
    this.identityService = identityService;
  }

  /** The signed-in user, if any (a page sends the others through sign-in). */
  Optional<Viewer> viewer(HttpServletRequest request) {
    return viewers.fromSession(request);
  }

  static boolean isEditor(Viewer viewer) {
    return ProcessEditors.isEditor(viewer.groupIds());
  }

  /** The signed-in process editor of an API call; 401 or 403 otherwise. */
  Viewer editor(HttpServletRequest request) {
    Viewer viewer = viewer(request).orElseThrow(PlanRefusal::signedOut);
    if (!isEditor(viewer)) {
      throw PlanRefusal.notAnEditor();
    }
    return viewer;
  }

  /** As {@link #editor}, for a call that changes something: the session's token must come too. */
  Viewer editorChanging(HttpServletRequest request) {
    Viewer viewer = editor(request);
    if (!SessionCsrf.valid(request, request.getHeader(CSRF_HEADER))) {
      throw new PlanRefusal(
          403,
          "This page is out of date (its security token does not match your sign-in). Reload the"
              + " page and try again; nothing was changed.");
    }
    return viewer;
  }

  /** Runs engine work as this user, and forgets them afterwards. */
  <T> T as(Viewer viewer, Supplier<T> work) {
    identityService.setAuthentication(viewer.userId(), viewer.groupIds(), viewer.tenantIds());
    try {
      return work.get();
    } finally {
      identityService.clearAuthentication();
    }
  }
}
