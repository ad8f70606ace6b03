package org.pathtovictory.modeling;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.Tree;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * Reads an expression as the engine will (Camunda's JUEL parser, with method calls) and walks its
 * tree: names are process variables or model beans, {@code execution} and {@code task} are only
 * handed to a model bean, nothing reaches Java's reflection, and only the engine's date and user
 * functions are called.
 */
final class ExpressionCheck {

  /** Where the expression stands, which decides what it may be. */
  enum Usage {
    /** A value: a condition, a due date, a mapping, a timer. */
    VALUE,
    /** {@code camunda:expression}: a call, which must go to a model bean. */
    CALL,
    /** {@code camunda:delegateExpression}: must name a model bean. */
    DELEGATE
  }

  /** What an expression uses: variables it reads, model beans it calls, and what is wrong. */
  record Result(List<String> problems, Set<String> variables, Set<String> beans) {}

  /** The engine's own functions that read the clock or the current user, nothing else. */
  static final Set<String> FUNCTIONS =
      Set.of("now", "dateTime", "currentUser", "currentUserGroups");

  /** What the engine puts beside the variables; only ever an argument of a model bean. */
  static final Set<String> ENGINE_OBJECTS =
      Set.of("execution", "task", "externalTask", "caseExecution", "variableScope");

  /**
   * The one member of {@code execution} a model may read: the campaign's business key, which
   * Camunda Modeler's "business key" field of a call activity writes as {@code
   * #{execution.processBusinessKey}}.
   */
  static final String BUSINESS_KEY = "processBusinessKey";

  /** Members that lead to Java itself (classes, class loaders, reflection, processes). */
  static final Set<String> REFUSED_MEMBERS =
      Set.of(
          "class",
          "getClass",
          "classLoader",
          "getClassLoader",
          "contextClassLoader",
          "getContextClassLoader",
          "forName",
          "loadClass",
          "newInstance",
          "invoke",
          "getMethod",
          "getMethods",
          "getDeclaredMethod",
          "getDeclaredMethods",
          "getField",
          "getFields",
          "getDeclaredField",
          "getDeclaredFields",
          "getConstructor",
          "getConstructors",
          "getDeclaredConstructor",
          "getDeclaredConstructors",
          "declaringClass",
          "getDeclaringClass",
          "module",
          "getModule",
          "runtime",
          "getRuntime",
          "exec",
          "processEngine",
          "getProcessEngine",
          "processEngineServices",
          "getProcessEngineServices",
          "wait",
          "notify",
          "notifyAll");

  private static final Builder PARSER =
      new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

  private final ModelBeans beans;

  ExpressionCheck(ModelBeans beans) {
    this.beans = beans;
  }

  static boolean isExpression(String text) {
    return text != null && (text.contains("${") || text.contains("#{"));
  }

  Result check(String text, Usage usage) {
    List<String> problems = new ArrayList<>();
    Set<String> variables = new LinkedHashSet<>();
    Set<String> used = new LinkedHashSet<>();
    Tree tree;
    try {
      tree = PARSER.build(text);
    } catch (TreeBuilderException e) {
      problems.add(
          "the expression "
              + text
              + " cannot be read (a mistake near character "
              + (e.getPosition() + 1)
              + ": found "
              + e.getEncountered()
              + ")");
      return new Result(problems, variables, used);
    }
    walk(tree.getRoot(), text, usage, problems, variables, used);
    if (usage == Usage.DELEGATE
        && tree.getRoot().getChild(0) instanceof AstIdentifier identifier
        && !beans.isModelBean(identifier.getName())) {
      problems.add(notAModelBean(text, identifier.getName()));
    } else if (usage != Usage.VALUE && used.isEmpty() && problems.isEmpty()) {
      problems.add(
          "the expression "
              + text
              + " must call a model bean ("
              + String.join(", ", beans.names())
              + ")");
    }
    return new Result(List.copyOf(new LinkedHashSet<>(problems)), variables, used);
  }

  private void walk(
      Node node,
      String text,
      Usage usage,
      List<String> problems,
      Set<String> variables,
      Set<String> used) {
    if (node instanceof AstIdentifier identifier) {
      String name = identifier.getName();
      if (ENGINE_OBJECTS.contains(name)) {
        return; // an argument: as the base of a property it is refused below
      }
      if (beans.isModelBean(name)) {
        used.add(name);
      } else if (beans.isApplicationBean(name)) {
        problems.add(
            "the expression "
                + text
                + " uses “"
                + name
                + "”, a part of the application that models may not use; only process"
                + " variables and the model beans ("
                + String.join(", ", beans.names())
                + ") are allowed");
      } else {
        variables.add(name);
      }
      return;
    }
    if (node instanceof AstProperty property) {
      Node base = property.getChild(0);
      String member = member(property);
      if (base instanceof AstIdentifier identifier
          && "execution".equals(identifier.getName())
          && BUSINESS_KEY.equals(member)) {
        // what Camunda Modeler writes for a call activity's business key: harmless to read
      } else if (base instanceof AstIdentifier identifier
          && ENGINE_OBJECTS.contains(identifier.getName())) {
        problems.add(
            "the expression "
                + text
                + " reads the engine's "
                + identifier.getName()
                + (member == null ? "" : "." + member)
                + ", which models may not do; hand "
                + identifier.getName()
                + " to a model bean instead");
      } else if (member != null && REFUSED_MEMBERS.contains(member)) {
        problems.add(
            "the expression "
                + text
                + " uses “"
                + member
                + "”, which reaches into Java itself and is not allowed in models");
      } else if (usage != Usage.VALUE
          && base instanceof AstIdentifier identifier
          && !beans.isModelBean(identifier.getName())) {
        problems.add(notAModelBean(text, identifier.getName()));
      } else if (base instanceof AstIdentifier identifier
          && beans.isModelBean(identifier.getName())) {
        if (member == null) {
          problems.add(
              "the expression "
                  + text
                  + " picks from the model bean "
                  + identifier.getName()
                  + " by a computed name; call its steps by name");
        } else if (!beans.get(identifier.getName()).members().contains(member)) {
          problems.add(
              "the expression "
                  + text
                  + " calls "
                  + identifier.getName()
                  + "."
                  + member
                  + ", which the model bean "
                  + identifier.getName()
                  + " does not offer");
        }
      }
      walkChildren(node, text, usage, problems, variables, used);
      return;
    }
    if (node instanceof AstFunction function) {
      if (!FUNCTIONS.contains(function.getName())) {
        problems.add(
            "the expression "
                + text
                + " uses the function "
                + function.getName()
                + "(), which models may not use (only now(), dateTime(), currentUser() and"
                + " currentUserGroups())");
      }
    }
    walkChildren(node, text, usage, problems, variables, used);
  }

  private String notAModelBean(String text, String name) {
    return "the expression "
        + text
        + " calls “"
        + name
        + "”, which is not a model bean ("
        + String.join(", ", beans.names())
        + ")";
  }

  private void walkChildren(
      Node node,
      String text,
      Usage usage,
      List<String> problems,
      Set<String> variables,
      Set<String> used) {
    for (int i = 0; i < node.getCardinality(); i++) {
      Node child = node.getChild(i);
      if (child != null) {
        walk(child, text, usage, problems, variables, used);
      }
    }
  }

  /** The member a property names, or null when it is computed at run time. */
  private static String member(AstProperty property) {
    if (property instanceof AstDot dot) {
      return dot.toString().substring(2); // AstDot prints ". name"; the name has no getter
    }
    if (property instanceof AstBracket && property.getChild(1) instanceof AstString string) {
      return String.valueOf(string.eval(null, null));
    }
    return null;
  }
}
