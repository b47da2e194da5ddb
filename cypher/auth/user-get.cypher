// One account with its password hash, for sign-in.
MATCH (u:User {username: $username})
RETURN u.username AS username, u.role AS role, u.disabled AS disabled, u.passwordHash AS passwordHash
