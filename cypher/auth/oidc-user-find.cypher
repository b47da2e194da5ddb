// The account signed in by an identity provider: found by issuer and subject (its `sub`), never by
// name, so a provider user who picks another's name does not get that account.
MATCH (u:User {oidcIssuer: $issuer, oidcSubject: $subject})
RETURN u.username AS username, u.role AS role, u.loginRole AS loginRole, coalesce(u.disabled, false) AS disabled
