// A page of audit events, newest first, each filter applying only when given; the cursor is the
// (at, eventId) of the previous page's last event.
MATCH (e:AuditEvent)
WHERE ($user IS NULL OR e.actor = $user)
  AND ($action IS NULL OR e.action = $action)
  AND ($from IS NULL OR e.at >= $from)
  AND ($to IS NULL OR e.at <= $to)
  AND ($cursorAt IS NULL OR e.at < $cursorAt OR (e.at = $cursorAt AND e.eventId < $cursorId))
RETURN e.eventId AS id, e.at AS at, e.actor AS actor, e.actorRole AS actorRole, e.ip AS ip, e.action AS action,
       coalesce(e.targets, []) AS targets, e.before AS before, e.after AS after
ORDER BY e.at DESC, e.eventId DESC
LIMIT $limit
