package ai.stratum.gateway.security.internal;

import ai.stratum.gateway.identity.Role;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Roles as a PostgreSQL {@code text[]} column. */
final class Roles {

  private Roles() {}

  static String[] toColumn(Set<Role> roles) {
    return roles.stream().map(Role::name).sorted().toArray(String[]::new);
  }

  static Set<Role> fromColumn(Array column) throws SQLException {
    return Arrays.stream((String[]) column.getArray())
        .map(Role::valueOf)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
  }
}
