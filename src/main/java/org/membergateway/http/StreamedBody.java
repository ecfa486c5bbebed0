package org.membergateway.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method that reads its body as a stream in constant memory and bounds it itself
 * (the members import: rows and line length), so {@link RequestBodyLimit}'s cap does not apply.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface StreamedBody {
}
