package dev.poststride.common.access;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a resource method needs before it runs: the permissions in the request's workspace (404 for a non-member,
 * 403 for a role or key that lacks one), and with {@code session} a signed-in user rather than an API key. Every
 * authenticated operation declares it, so the role matrix can be read off the resources (and is tested against them,
 * operation by operation, in {@code RoleMatrixTest}).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Requires {

    @Nonbinding
    Permission[] value() default {};

    /** A signed-in user only: API keys are refused (accounts, profiles, key management). */
    @Nonbinding
    boolean session() default false;
}
