package ai.stratum.gateway.security;

import ai.stratum.core.tenancy.TenancyProperties;
import ai.stratum.gateway.identity.CallerFilter;
import ai.stratum.gateway.identity.Role;
import ai.stratum.gateway.security.internal.ApiKeyAuthenticationFilter;
import ai.stratum.gateway.security.internal.CallerFilters;
import ai.stratum.gateway.security.internal.DisabledUserFilter;
import ai.stratum.gateway.security.internal.JwtCallerConverter;
import ai.stratum.gateway.security.internal.LocalTokenIssuer;
import ai.stratum.gateway.security.internal.PasswordAuthenticationProvider;
import ai.stratum.gateway.security.internal.ProblemResponses;
import ai.stratum.gateway.security.internal.SigningKeys;
import ai.stratum.gateway.security.internal.TenantHeaderFilter;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Three filter chains, tried in order: public endpoints (health, metrics, API docs, static assets,
 * the JWK set), the console (form login, session, CSRF), and everything else (API keys and bearer
 * tokens, stateless). Anything not listed needs a credential; CORS stays off, so browsers refuse
 * cross-origin calls.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(GatewaySecurityProperties.class)
class SecurityConfiguration {

  /** Content Security Policy of the console: nothing inline, nothing from elsewhere. */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  private static final String[] PUBLIC_PATHS = {
    "/actuator/health",
    "/actuator/health/**",
    "/actuator/prometheus",
    "/actuator/info",
    "/v3/api-docs",
    "/v3/api-docs/**",
    "/swagger-ui.html",
    "/swagger-ui/**",
    "/webjars/**",
    "/console/assets/**",
    "/oauth2/jwks",
    "/favicon.ico"
  };

  private final ProblemResponses problems = new ProblemResponses();

  @Bean
  PasswordEncoder passwordEncoder() {
    String argon2 = "argon2@SpringSecurity_v5_8";
    // bcrypt stays readable for hashes made elsewhere; new hashes are Argon2id
    return new DelegatingPasswordEncoder(
        argon2,
        Map.of(
            argon2,
            Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
            "bcrypt",
            new BCryptPasswordEncoder()));
  }

  @Bean
  SigningKeys signingKeys(
      GatewaySecurityProperties properties, JdbcClient jdbc, TransactionTemplate transactions) {
    GatewaySecurityProperties.Jwt jwt = properties.jwt();
    return new SigningKeys(
        jdbc,
        transactions,
        jwt.signingKeyRotation(),
        jwt.tokenLifetime(),
        jwt.keyEncryptionSecret(),
        Clock.systemUTC());
  }

  @Bean
  LocalTokenIssuer localTokenIssuer(GatewaySecurityProperties properties, SigningKeys keys) {
    return new LocalTokenIssuer(
        properties.jwt().issuer(), properties.jwt().tokenLifetime(), keys, Clock.systemUTC());
  }

  @Bean
  JwtDecoder jwtDecoder(GatewaySecurityProperties properties, SigningKeys keys) {
    GatewaySecurityProperties.Jwt jwt = properties.jwt();
    NimbusJwtDecoder decoder =
        jwt.jwkSetUri() == null
            ? NimbusJwtDecoder.withJwkSource(keys).build()
            : NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri().toString()).build();
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(jwt.issuer())));
    return decoder;
  }

  @Bean
  @Order(1)
  SecurityFilterChain publicEndpoints(HttpSecurity http, TenancyProperties tenancy)
      throws Exception {
    http.securityMatcher(PUBLIC_PATHS)
        .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .csrf(csrf -> csrf.disable())
        .cors(cors -> cors.disable())
        .addFilterBefore(
            new TenantHeaderFilter(tenancy.header()), ExceptionTranslationFilter.class);
    securityHeaders(http);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain console(
      HttpSecurity http,
      TenancyProperties tenancy,
      ObjectProvider<CallerFilter> callerFilters,
      PasswordAuthenticationProvider passwords,
      ConsoleUsers users)
      throws Exception {
    http.securityMatcher("/", "/console", "/console/**")
        .authenticationProvider(passwords)
        .authorizeHttpRequests(authorize ->
            authorize
                .dispatcherTypeMatchers(DispatcherType.ERROR)
                .permitAll()
                .requestMatchers("/console/login")
                .permitAll()
                .requestMatchers("/console/tenants/**", "/console/users/**")
                .hasRole(Role.ADMIN.name())
                .requestMatchers("/console/audit/**")
                .hasAnyRole(Role.AUDITOR.name(), Role.ADMIN.name())
                .requestMatchers("/console/studies/**")
                .hasRole(Role.CLINICIAN.name())
                .requestMatchers("/console/finance/**")
                .hasRole(Role.ANALYST.name())
                .requestMatchers(HttpMethod.GET, "/console/models/**")
                .hasAnyRole(Role.ADMIN.name(), Role.CLINICIAN.name(), Role.ANALYST.name())
                .requestMatchers("/console/models/**")
                .hasRole(Role.ADMIN.name())
                .anyRequest()
                .authenticated())
        .formLogin(login ->
            login
                .loginPage("/console/login")
                .defaultSuccessUrl("/console", true)
                .failureUrl("/console/login?error")
                .permitAll())
        .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login"))
        .cors(cors -> cors.disable())
        .addFilterBefore(new DisabledUserFilter(users), ExceptionTranslationFilter.class)
        .addFilterBefore(new TenantHeaderFilter(tenancy.header()), ExceptionTranslationFilter.class)
        .addFilterBefore(
            new CallerFilters(callerFilters.orderedStream().toList()),
            ExceptionTranslationFilter.class);
    securityHeaders(http);
    return http.build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain api(
      HttpSecurity http,
      TenancyProperties tenancy,
      ApiKeys apiKeys,
      ObjectProvider<CallerFilter> callerFilters)
      throws Exception {
    String admin = Role.ADMIN.name();
    String clinician = Role.CLINICIAN.name();
    String analyst = Role.ANALYST.name();
    http.authorizeHttpRequests(authorize ->
            authorize
                .dispatcherTypeMatchers(DispatcherType.ERROR)
                .permitAll()
                .requestMatchers("/api/medical/**", "/dicomweb/**")
                .hasRole(clinician)
                .requestMatchers("/api/finance/**")
                .hasRole(analyst)
                .requestMatchers(HttpMethod.GET, "/api/models/**")
                .hasAnyRole(admin, clinician, analyst)
                .requestMatchers("/api/models/**")
                .hasRole(admin)
                .requestMatchers("/api/learning/**", "/api/privacy/**")
                .hasAnyRole(admin, clinician, analyst)
                .requestMatchers("/api/gateway/token")
                .authenticated()
                .requestMatchers("/api/gateway/audit/**")
                .hasAnyRole(Role.AUDITOR.name(), admin)
                .requestMatchers("/api/gateway/**")
                .hasRole(admin)
                .anyRequest()
                .authenticated())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        // no cookies authenticate here, so there is nothing for a forged cross-site request to ride
        .csrf(csrf -> csrf.disable())
        .cors(cors -> cors.disable())
        .oauth2ResourceServer(resourceServer ->
            resourceServer
                .authenticationEntryPoint(problems)
                .accessDeniedHandler(problems)
                .jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtCallerConverter())))
        .exceptionHandling(exceptions ->
            exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .addFilterBefore(
            new ApiKeyAuthenticationFilter(apiKeys, problems), ExceptionTranslationFilter.class)
        .addFilterBefore(new TenantHeaderFilter(tenancy.header()), ExceptionTranslationFilter.class)
        .addFilterBefore(
            new CallerFilters(callerFilters.orderedStream().toList()),
            ExceptionTranslationFilter.class);
    securityHeaders(http);
    return http.build();
  }

  private static void securityHeaders(HttpSecurity http) throws Exception {
    http.headers(headers ->
        headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
            .frameOptions(frame -> frame.deny())
            .referrerPolicy(
                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
            .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)));
  }
}
