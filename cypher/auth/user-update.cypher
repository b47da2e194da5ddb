// Changes an account's role, disabled flag or password hash (each only when given).
MATCH (u:User {username: $username})
SET u.role = coalesce($role, u.role),
    u.disabled = coalesce($disabled, u.disabled),
    u.passwordHash = coalesce($passwordHash, u.passwordHash),
    u.updatedAt = $now
RETURN u.username AS username, u.role AS role, u.disabled AS disabled, u.createdAt AS createdAt
