package dev.smartretry.service.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role a {@code /v1} endpoint requires, on its controller or its method (the method's wins).
 * Keys of that role and admin keys may call it. A route without it is refused: access is never
 * granted by omission.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Allowed {
  Role value();
}
