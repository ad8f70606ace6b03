package org.pathtovictory.board;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.pathtovictory.identity.Viewer;

/**
 * What one viewer's board shows: the campaigns that pass the filter (a page of them), the choices
 * the filter offers, and for national roles the national package's progress over all endorsements.
 */
public record Board(
    String userId,
    boolean national,
    Filter filter,
    Choices choices,
    int matching,
    int visible,
    int page,
    int pages,
    NationalPackage nationalPackage,
    List<CampaignView> campaigns) {

  /** The organizer's filter; every part optional. */
  public record Filter(String state, String phase, String track, boolean needsAttention) {

    boolean accepts(CampaignView c) {
      return (state == null || state.equalsIgnoreCase(Objects.toString(c.state(), "")))
          && (phase == null || (c.phase() != null && c.phase().name().equalsIgnoreCase(phase)))
          && (track == null || track.equalsIgnoreCase(Objects.toString(c.track(), "")))
          && (!needsAttention || c.hasAttention());
    }

    boolean any() {
      return state != null || phase != null || track != null || needsAttention;
    }
  }

  /** The values the filter offers, from the campaigns the viewer may see. */
  public record Choices(List<String> states, List<Phase> phases, List<String> tracks) {

    static Choices of(List<CampaignView> campaigns) {
      return new Choices(
          campaigns.stream()
              .map(CampaignView::state)
              .filter(Objects::nonNull)
              .collect(java.util.stream.Collectors.toCollection(TreeSet::new))
              .stream()
              .toList(),
          List.of(Phase.values()),
          List.of("FULL", "ACCELERATED", "GOTV_ONLY"));
    }
  }

  /** The five steps of the national package, over every endorsement the viewer sees. */
  public record NationalPackage(int campaigns, int delivered, int stepsDone, int steps) {

    static NationalPackage of(List<CampaignView> campaigns) {
      int done = campaigns.stream().mapToInt(CampaignView::nationalPackageDone).sum();
      int steps = campaigns.stream().mapToInt(CampaignView::nationalPackageSteps).sum();
      int delivered =
          (int)
              campaigns.stream()
                  .filter(c -> c.nationalPackageDone() == c.nationalPackageSteps())
                  .count();
      return new NationalPackage(campaigns.size(), delivered, done, steps);
    }

    public int percent() {
      return steps == 0 ? 0 : stepsDone * 100 / steps;
    }
  }

  static Board of(Viewer viewer, List<CampaignView> all, Filter filter, int page, int pageSize) {
    List<CampaignView> matching =
        all.stream()
            .filter(filter::accepts)
            .sorted(Comparator.comparing(c -> !c.hasAttention()))
            .toList();
    int pages = Math.max(1, (matching.size() + pageSize - 1) / pageSize);
    int current = Math.min(Math.max(page, 1), pages);
    List<CampaignView> shown =
        matching.subList(
            Math.min(matching.size(), (current - 1) * pageSize),
            Math.min(matching.size(), current * pageSize));
    return new Board(
        viewer.userId(),
        viewer.national(),
        filter,
        Choices.of(all),
        matching.size(),
        all.size(),
        current,
        pages,
        viewer.national() ? NationalPackage.of(all) : null,
        shown);
  }
}
