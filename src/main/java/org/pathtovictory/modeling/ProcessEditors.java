package org.pathtovictory.modeling;

import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who may change the plan: the members of {@link ModelVersionsController#EDITOR_GROUPS}. One check
 * for the HTTP Basic API ({@code /api/models}) and the plan editor's pages ({@code /plan}).
 */
public final class ProcessEditors {

  static final String ONLY_EDITORS =
      "Only process editors (Indivisible Organizers, process-editors, administrators) may see"
          + " versions and move running campaigns.";

  private ProcessEditors() {}

  public static boolean isEditor(Collection<String> groupIds) {
    return groupIds != null
        && groupIds.stream().anyMatch(ModelVersionsController.EDITOR_GROUPS::contains);
  }

  /** Refuses the engine user of this request (HTTP Basic) unless a process editor. */
  static void require(IdentityService identityService, String refusal) {
    Authentication authentication = identityService.getCurrentAuthentication();
    List<String> groups = authentication == null ? null : authentication.getGroupIds();
    if (!isEditor(groups)) {
      throw new ModelVersionsController.NotAnEditor(refusal);
    }
  }
}
