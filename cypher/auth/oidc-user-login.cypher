// A sign-in through the identity provider: the role it chose (claim, admin's or default) is stored,
// and remembered as the sign-in's own (a later different role is an admin's choice).
MATCH (u:User {oidcIssuer: $issuer, oidcSubject: $subject})
SET u.role = $role, u.loginRole = $loginRole, u.lastLoginAt = $now, u.updatedAt = $now
RETURN u.username AS username
