package org.membergateway.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a GET that uses something up (a counted, audited download that the last one destroys).
 * JAX-RS answers HEAD by running the GET and dropping its body, which would count and release a
 * download nobody received; {@link HeadRefusedFeature} refuses HEAD on these methods instead (405).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CountedRead {
}
