package dev.runnel.server.auth;

import org.eclipse.jetty.security.AbstractLoginService;
import org.eclipse.jetty.util.security.Credential;

/**
 * Jetty's login hook for HTTP BASIC authentication, answered by an {@link Authenticator}. Every
 * user name gets a principal whose credential asks the authenticator, so an unknown user and a
 * wrong password take the same path and get the same 401. Thread-safe.
 */
public final class RunnelLoginService extends AbstractLoginService {
    /** The role every authenticated user has; the server's security constraint requires it. */
    public static final String ROLE = "runnel-user";
    private static final String[] ROLES = {ROLE};

    private final Authenticator authenticator;

    public RunnelLoginService(Authenticator authenticator) {
        this.authenticator = authenticator;
        setName("Runnel");
    }

    @Override
    protected String[] loadRoleInfo(UserPrincipal user) {
        return ROLES;
    }

    @Override
    protected UserPrincipal loadUserInfo(String username) {
        return new UserPrincipal(username, new Checked(authenticator, username));
    }

    /** A credential that is checked, not stored. */
    private static final class Checked extends Credential {
        private static final long serialVersionUID = 1L;
        private final transient Authenticator authenticator;
        private final String user;

        Checked(Authenticator authenticator, String user) {
            this.authenticator = authenticator;
            this.user = user;
        }

        @Override
        public boolean check(Object credentials) {
            String password = credentials instanceof char[] c ? new String(c)
                    : credentials instanceof String s ? s : null;
            return authenticator.check(user, password);
        }
    }
}
