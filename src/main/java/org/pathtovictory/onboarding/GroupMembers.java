package org.pathtovictory.onboarding;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.pathtovictory.identity.CampaignRole;
import org.pathtovictory.identity.LocalGroups;
import org.pathtovictory.web.InvalidInputException;
import org.pathtovictory.web.InvalidInputException.Problem;
import org.pathtovictory.web.Refused;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a group lead does with their group: invite volunteers (one by one or from a CSV), give and
 * take roles, remove members, send a new invitation. Only within a group they lead (administrators
 * may act in any group); each change and its audit entry in one transaction.
 */
@Component
class GroupMembers {

  /** One line of a CSV import: added as this user, or why not. */
  record CsvLine(int line, String email, String userId, String problem) {}

  private final LocalGroups groups;
  private final Invitations invitations;
  private final GroupAudit audit;
  private final IdentityService identityService;
  private final TransactionTemplate transaction;

  GroupMembers(
      LocalGroups groups,
      Invitations invitations,
      GroupAudit audit,
      IdentityService identityService,
      PlatformTransactionManager transactionManager) {
    this.groups = groups;
    this.invitations = invitations;
    this.audit = audit;
    this.identityService = identityService;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** Refuses anyone who does not lead this group (403, whether or not the group exists). */
  void refuseUnlessLeads(String actor, String slug) {
    boolean admin =
        identityService.createGroupQuery().groupMember(actor).groupId(Groups.CAMUNDA_ADMIN).count()
            > 0;
    if (admin ? !groups.exists(slug) : !groups.leads(actor, slug)) {
      throw Refused.forbidden(
          "Only the leads of the group “"
              + slug
              + "” manage its members; you can manage only a group you lead.");
    }
  }

  /** The groups this user may manage. */
  List<String> managedBy(String actor) {
    return groups.groupsOf(actor).stream().filter(slug -> groups.leads(actor, slug)).toList();
  }

  List<LocalGroups.Member> members(String actor, String slug) {
    refuseUnlessLeads(actor, slug);
    return groups.members(slug);
  }

  List<GroupAudit.Entry> auditLog(String actor, String slug) {
    refuseUnlessLeads(actor, slug);
    return audit.of(slug, 200);
  }

  /** Invites one person; refuses bad values naming the field. Returns the new user name. */
  String invite(String actor, String slug, String name, String email, Collection<String> roles) {
    refuseUnlessLeads(actor, slug);
    Set<CampaignRole> parsed = EnumSet.noneOf(CampaignRole.class);
    List<Problem> problems = inviteProblems(name, email, roles, parsed);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return transaction.execute(status -> add(actor, slug, name.strip(), email, parsed));
  }

  /**
   * Invites every good line of a CSV ({@code name,email,roles}, roles separated by {@code ;}); a
   * bad line is reported with its number and keeps no one else from being invited.
   */
  List<CsvLine> importCsv(String actor, String slug, String csv) {
    refuseUnlessLeads(actor, slug);
    List<CsvLine> result = new ArrayList<>();
    List<List<String>> rows = rows(csv);
    int first = 0;
    if (!rows.isEmpty()
        && !rows.get(0).isEmpty()
        && rows.get(0).get(0).strip().equalsIgnoreCase("name")) {
      first = 1; // a header line
    }
    for (int i = first; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      int line = i + 1;
      if (row.stream().allMatch(String::isBlank)) {
        continue;
      }
      if (row.size() < 2 || row.size() > 3) {
        result.add(
            new CsvLine(
                line, null, null, "has " + row.size() + " column(s); write name, email and roles"));
        continue;
      }
      String name = row.get(0);
      String email = row.get(1).strip().toLowerCase(Locale.ROOT);
      List<String> roles =
          row.size() < 3 || row.get(2).isBlank() ? List.of() : List.of(row.get(2).split("[;|]"));
      Set<CampaignRole> parsed = EnumSet.noneOf(CampaignRole.class);
      List<Problem> problems = inviteProblems(name, email, roles, parsed);
      if (result.stream().anyMatch(done -> email.equals(done.email()) && done.userId() != null)) {
        problems.add(new Problem("email", "appears on an earlier line of this file"));
      }
      if (!problems.isEmpty()) {
        result.add(
            new CsvLine(
                line,
                email,
                null,
                problems.stream().map(Problem::toString).collect(Collectors.joining("; "))));
        continue;
      }
      String userId = transaction.execute(status -> add(actor, slug, name.strip(), email, parsed));
      result.add(new CsvLine(line, email, userId, null));
    }
    return result;
  }

  /** Gives exactly these roles to a member of the group. */
  void setRoles(String actor, String slug, String userId, Collection<String> roles) {
    refuseUnlessLeads(actor, slug);
    refuseUnlessOnlyHere(slug, userId);
    Set<CampaignRole> parsed = EnumSet.noneOf(CampaignRole.class);
    List<Problem> problems = new ArrayList<>();
    parseRoles(roles, parsed, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Set<CampaignRole> before = groups.roles(userId);
    if (before.contains(CampaignRole.GROUP_LEAD)
        && !parsed.contains(CampaignRole.GROUP_LEAD)
        && otherLeads(slug, userId) == 0) {
      throw new InvalidInputException(
          "roles", "the group would have no lead left: give another member the lead role first");
    }
    transaction.execute(
        status -> {
          groups.setRoles(userId, parsed);
          audit.record(
              slug,
              actor,
              GroupAudit.ROLES_CHANGED,
              userId,
              describe(before) + " → " + describe(parsed));
          return null;
        });
  }

  /** Takes a member out of the group (and deletes their account if it has no other group). */
  void remove(String actor, String slug, String userId) {
    refuseUnlessLeads(actor, slug);
    refuseUnlessOnlyHere(slug, userId);
    if (groups.roles(userId).contains(CampaignRole.GROUP_LEAD) && otherLeads(slug, userId) == 0) {
      throw Refused.conflict(
          "This is the group's last lead: give another member the lead role before removing them.");
    }
    transaction.execute(
        status -> {
          invitations.forget(userId);
          groups.removeMember(slug, userId);
          audit.record(slug, actor, GroupAudit.REMOVED, userId, null);
          return null;
        });
  }

  /** A new invitation for a member who has not set a password (their link expired or got lost). */
  void renewInvitation(String actor, String slug, String userId) {
    refuseUnlessLeads(actor, slug);
    refuseUnlessOnlyHere(slug, userId);
    User user = identityService.createUserQuery().userId(userId).singleResult();
    if (user.getPassword() != null) {
      throw Refused.conflict(
          userId + " has already chosen a password; they sign in to Tasklist with it.");
    }
    transaction.execute(
        status -> {
          invitations.send(invitations.invitee(slug, userId), inviterName(actor), actor);
          audit.record(slug, actor, GroupAudit.INVITATION_RENEWED, userId, null);
          return null;
        });
  }

  private String add(
      String actor, String slug, String name, String email, Set<CampaignRole> roles) {
    String userId = groups.addMember(slug, name, email, roles);
    audit.record(slug, actor, GroupAudit.INVITED, userId, describe(roles));
    invitations.send(
        new Invitations.Invitee(
            slug,
            groups.name(slug).orElse(slug),
            userId,
            name.split("\\s+")[0],
            email.strip().toLowerCase(Locale.ROOT),
            Invitations.rolesInWords(roles)),
        inviterName(actor),
        actor);
    return userId;
  }

  private List<Problem> inviteProblems(
      String name, String email, Collection<String> roles, Set<CampaignRole> parsed) {
    List<Problem> problems = new ArrayList<>();
    String trimmedName = name == null ? "" : name.strip();
    String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    if (trimmedName.length() < 2 || trimmedName.length() > 100) {
      problems.add(new Problem("name", "give the person's name (2 to 100 characters)"));
    }
    if (address.length() > 254 || !address.matches(JoinRequest.EMAIL)) {
      problems.add(new Problem("email", "“" + address + "” is not an email address"));
    } else if (groups.userWithEmail(address).isPresent()) {
      problems.add(
          new Problem(
              "email",
              address + " already has a Path to Victory account; ask an organizer to add them"));
    }
    parseRoles(roles, parsed, problems);
    return problems;
  }

  /** Roles by their group id (canvass-leads) or a short word (canvass); local roles only. */
  private static void parseRoles(
      Collection<String> roles, Set<CampaignRole> parsed, List<Problem> problems) {
    for (String given : roles == null ? List.<String>of() : roles) {
      String word = given.strip().toLowerCase(Locale.ROOT);
      if (word.isEmpty()) {
        continue;
      }
      CampaignRole role =
          CampaignRole.localRoles().stream()
              .filter(
                  r ->
                      r.groupId().equals(word)
                          || r.groupId().startsWith(word + "-")
                          || shortWord(r).equals(word))
              .findFirst()
              .orElse(null);
      if (role == null) {
        problems.add(
            new Problem(
                "roles",
                "“"
                    + given.strip()
                    + "” is not a role of a local group; use "
                    + CampaignRole.localRoles().stream()
                        .map(CampaignRole::groupId)
                        .collect(Collectors.joining(", "))));
      } else {
        parsed.add(role);
      }
    }
  }

  private static String shortWord(CampaignRole role) {
    return switch (role) {
      case GROUP_LEAD -> "lead";
      case CANVASS_LEAD -> "canvass";
      case PRESS_LIAISON -> "press";
      case RECRUITMENT_CAPTAIN -> "recruitment";
      case PHONEBANK_LEAD -> "phones";
      default -> role.groupId();
    };
  }

  private void refuseUnlessOnlyHere(String slug, String userId) {
    List<String> of = groups.groupsOf(userId);
    if (!of.contains(slug)) {
      throw Refused.notFound(userId + " is not a member of the group “" + slug + "”.");
    }
    if (of.size() > 1) {
      throw Refused.forbidden(
          userId
              + " also belongs to "
              + of.stream().filter(s -> !s.equals(slug)).collect(Collectors.joining(", "))
              + "; roles count in every group, so an Indivisible Organizer changes them.");
    }
  }

  private long otherLeads(String slug, String userId) {
    return groups.members(slug).stream()
        .filter(m -> !m.userId().equals(userId) && m.roles().contains(CampaignRole.GROUP_LEAD))
        .count();
  }

  private String inviterName(String actor) {
    User user = identityService.createUserQuery().userId(actor).singleResult();
    return user == null ? actor : LocalGroups.displayName(user);
  }

  private static String describe(Set<CampaignRole> roles) {
    return roles.isEmpty()
        ? "no role"
        : roles.stream().map(CampaignRole::groupId).collect(Collectors.joining(", "));
  }

  private static List<List<String>> rows(String csv) {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<List<String>> rows = new ArrayList<>();
    try (MappingIterator<List<String>> it =
        mapper.readerForListOf(String.class).readValues(csv == null ? "" : csv)) {
      while (it.hasNextValue()) {
        rows.add(it.nextValue());
      }
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(
          "csv",
          "the file is not CSV we can read after line "
              + (rows.size())
              + ": check its commas and quotation marks");
    }
    return rows;
  }

  static Map<String, String> roleChoices() {
    Map<String, String> choices = new java.util.LinkedHashMap<>();
    CampaignRole.localRoles().forEach(r -> choices.put(r.groupId(), r.displayName()));
    return choices;
  }
}
