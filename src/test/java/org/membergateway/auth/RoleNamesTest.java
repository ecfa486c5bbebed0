package org.membergateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RoleNamesTest {

    @Test
    void everyRoleHasItsConstantAndNothingElseButPersonAndVendor() throws Exception {
        Set<String> constants = Arrays.stream(RoleNames.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()))
                .map(RoleNamesTest::value)
                .collect(Collectors.toSet());
        Set<String> roles = Arrays.stream(Role.values()).map(Role::name).collect(Collectors.toSet());
        assertThat(constants).containsAll(roles);
        assertThat(constants).hasSize(roles.size() + 2).contains(RoleNames.PERSON, RoleNames.VENDOR);
        assertThat(roles).doesNotContain(RoleNames.PERSON, RoleNames.VENDOR);
    }

    @Test
    void requestersHoldTheirRolesAndTheirKind() {
        Requester person = Requester.person("lp83", "Lan", Set.of(Role.LOCAL_PRESIDENT), Set.of("L083"), Set.of(),
                Set.of(), "M1");
        assertThat(person.hasRoleName("LOCAL_PRESIDENT")).isTrue();
        assertThat(person.hasRoleName(RoleNames.PERSON)).isTrue();
        assertThat(person.hasRoleName(RoleNames.VENDOR)).isFalse();
        assertThat(person.hasRoleName("ADMIN")).isFalse();
        assertThat(person.hasRoleName("nonsense")).isFalse();
        assertThat(person.toString()).doesNotContain("M1");
        Requester vendor = Requester.vendor(7, "Mail house");
        assertThat(vendor.hasRoleName(RoleNames.VENDOR)).isTrue();
        assertThat(vendor.hasRoleName(RoleNames.PERSON)).isFalse();
        assertThat(vendor.actor()).isEqualTo("vendor:7");
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
