// A new account (:User, apart from the threat data: no :Entity label, no relationships, no `id`).
// The unique constraint on username refuses a second one of the same name.
CREATE (u:User {username: $username, role: $role, passwordHash: $passwordHash, disabled: false, createdAt: $now, updatedAt: $now})
RETURN u.username AS username, u.role AS role, u.disabled AS disabled, u.createdAt AS createdAt
