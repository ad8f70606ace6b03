package org.pathtovictory.endorsement;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A calendar date written {@code yyyy-MM-dd}, as Camunda Forms' date picker submits it. */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CalendarDate.Validator.class)
public @interface CalendarDate {
  String message() default "must be a date written as year-month-day, e.g. 2026-11-03";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Accepts null: {@code @NotBlank} says when a date is required. */
  class Validator implements ConstraintValidator<CalendarDate, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null || value.isBlank()) {
        return true;
      }
      try {
        LocalDate.parse(value.trim());
        return true;
      } catch (DateTimeParseException e) {
        return false;
      }
    }
  }
}
