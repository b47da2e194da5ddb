// A new account from an identity provider (no password); the unique constraint on username refuses
// a name another account holds.
CREATE (u:User {username: $username, role: $role, loginRole: $role, source: 'oidc', oidcIssuer: $issuer, oidcSubject: $subject,
                disabled: false, createdAt: $now, updatedAt: $now, lastLoginAt: $now})
RETURN u.username AS username
